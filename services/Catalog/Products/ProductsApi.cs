using Microsoft.AspNetCore.Http.HttpResults;

namespace Store.Catalog.Products;

internal static class ProductsApi
{
    /// <summary>Says whether a read came from Redis or from Postgres, for callers and tests.</summary>
    public const string CacheHeader = "X-Cache";

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products").WithTags("Products");

        products.MapPost("/", CreateAsync);
        products.MapGet("/{id:guid}", GetAsync).WithName("GetProduct");
        return app;
    }

    private static async Task<Results<Created<Product>, ValidationProblem>> CreateAsync(
        CreateProduct request, ProductStore store, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var product = await store.AddAsync(request.Name!.Trim(), request.Price!.Value, cancellationToken);
        return TypedResults.Created($"/api/v1/products/{product.Id}", product);
    }

    private static async Task<Results<Ok<Product>, ProblemHttpResult>> GetAsync(
        Guid id, ProductStore store, ProductCache cache, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(id) is { } cached)
        {
            response.Headers[CacheHeader] = "hit";
            return TypedResults.Ok(cached);
        }

        if (await store.FindAsync(id, cancellationToken) is not { } product)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Product not found", detail: $"No product has the id '{id}'.");
        }

        await cache.SetAsync(product);
        response.Headers[CacheHeader] = "miss";
        return TypedResults.Ok(product);
    }
}
