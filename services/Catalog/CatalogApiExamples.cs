using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Store.Catalog;

/// <summary>Examples in the OpenAPI document for the bodies clients write and the answers they read most.</summary>
internal sealed class CatalogApiExamples : IOpenApiOperationTransformer
{
    private static JsonObject Product()
    {
        var product = new JsonObject { ["id"] = "01a2213a-8fbd-77dd-8cc6-b990685519e5" };
        foreach (var (name, value) in Input(withStock: false))
        {
            product[name] = value?.DeepClone();
        }

        product["stock"] = new JsonObject { ["available"] = 42, ["reserved"] = 3 };
        product["createdAt"] = "2026-11-28T08:16:55.742256+00:00";
        product["updatedAt"] = "2026-11-28T09:02:10.100000+00:00";
        product["version"] = 4;
        return product;
    }

    private static JsonObject Input(bool withStock)
    {
        var input = new JsonObject
        {
            ["sku"] = "MUG-001",
            ["name"] = "Enamel mug",
            ["description"] = "Stoneware mug with an enamel glaze, 350 ml.",
            ["price"] = 12.50m,
            ["currency"] = "USD",
            ["category"] = "kitchen",
            ["imageUrl"] = "/images/products/mug-001.jpg",
        };
        if (withStock)
        {
            input["initialStock"] = 42;
        }

        return input;
    }

    private static JsonObject ValidationProblem() => new JsonObject
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        ["title"] = "One or more validation errors occurred.",
        ["status"] = 400,
        ["errors"] = new JsonObject { ["price"] = new JsonArray("A price is at least 0, below 10,000,000,000 and has at most two decimals.") },
        ["traceId"] = "52cab4a98b94e8c700334718fd25c3dc",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        switch (operation.OperationId)
        {
            case "CreateProduct":
                SetRequest(operation, Input(withStock: true));
                SetResponse(operation, "201", Product());
                SetResponse(operation, "400", ValidationProblem());
                break;
            case "UpdateProduct":
                SetRequest(operation, Input(withStock: false));
                SetResponse(operation, "200", Product());
                SetResponse(operation, "400", ValidationProblem());
                break;
            case "AdjustStock":
                SetRequest(operation, new JsonObject { ["delta"] = -2, ["reason"] = "Broken in the warehouse" });
                SetResponse(operation, "200", Product());
                break;
            case "GetProduct":
                SetResponse(operation, "200", Product());
                break;
            case "ListProducts":
                SetResponse(operation, "200", new JsonObject { ["items"] = new JsonArray(Product()), ["nextCursor"] = "MHwwMWEyMjEzYThmYmQ3N2RkOGNjNmI5OTA2ODU1MTllNXxFbmFtZWwgbXVn" });
                break;
        }

        return Task.CompletedTask;
    }

    private static void SetRequest(OpenApiOperation operation, JsonNode example)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = example;
        }
    }

    private static void SetResponse(OpenApiOperation operation, string status, JsonNode example)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true
            && response.Content?.FirstOrDefault().Value is { } media)
        {
            media.Example = example;
        }
    }
}
