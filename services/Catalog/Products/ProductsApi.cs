using Microsoft.AspNetCore.Http.HttpResults;
using Store.Catalog.Caching;
using Store.Security;

namespace Store.Catalog.Products;

internal static class ProductsApi
{
    /// <summary>Says whether a read came from the cache or from Postgres, for callers and tests.</summary>
    public const string CacheHeader = "X-Cache";

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/products").WithTags("Products");
        products.MapGet("/", ListAsync).WithName("ListProducts").AllowAnonymous()
            .WithSummary("Lists products a page at a time.")
            .WithDescription($"Filter by category slug and free text (q), sort by {ProductSorts.Allowed}; pass nextCursor back as cursor for the next page.")
            .Produces<ProductPage>()
            .ProducesValidationProblem();
        products.MapGet("/{id:guid}", GetAsync).WithName("GetProduct").AllowAnonymous()
            .WithSummary("Reads one product with its stock.")
            .WithDescription("The ETag is the product's version; If-None-Match with it answers 304.")
            .Produces<Product>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var administration = products.MapGroup("/")
            .RequireAuthorization(StorePolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        administration.MapPost("/", CreateAsync).WithName("CreateProduct")
            .WithSummary("Adds a product, with its initial stock.")
            .Produces<Product>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        administration.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateProduct")
            .WithSummary("Replaces a product's details; stock changes through stock adjustments.")
            .WithDescription("Send If-Match with the ETag you read: a product changed since answers 412.")
            .Produces<Product>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        administration.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProduct")
            .WithSummary("Removes a product and its stock.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        administration.MapPost("/{id:guid}/stock-adjustments", AdjustStockAsync).WithName("AdjustStock")
            .WithSummary("Adds received stock or writes stock off; available stock never goes below zero.")
            .Produces<Product>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? category, string? q, string? sort, int? limit, string? cursor,
        ProductStore store, CatalogCache cache, HttpResponse response, CancellationToken cancellationToken)
    {
        var (query, errors) = ProductQuery.Parse(category, q, sort, limit, cursor);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (page, hit) = await cache.GetPageAsync(query, async token => await store.ListAsync(query, token), cancellationToken);
        response.Headers[CacheHeader] = hit ? "hit" : "miss";
        return TypedResults.Ok(page);
    }

    private static async Task<IResult> GetAsync(
        Guid id, ProductStore store, CatalogCache cache, HttpContext context, CancellationToken cancellationToken)
    {
        var (product, hit) = await cache.GetProductAsync(id, token => store.FindAsync(id, token), cancellationToken);
        if (product is null)
        {
            return NotFound(id);
        }

        context.Response.Headers[CacheHeader] = hit ? "hit" : "miss";
        context.Response.Headers.ETag = EntityTags.For(product.Version);
        return EntityTags.IsCurrent(context.Request, product.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(product);
    }

    private static async Task<IResult> CreateAsync(
        ProductInput input, ProductStore store, CatalogCache cache, HttpResponse response, CancellationToken cancellationToken)
    {
        if (input.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.CreateAsync(input, cancellationToken);
        if (result is not { Outcome: WriteOutcome.Done, Product: { } product })
        {
            return Refusal(result.Outcome, Guid.Empty);
        }

        await cache.InvalidateAsync(product.Id);
        response.Headers.ETag = EntityTags.For(product.Version);
        return TypedResults.Created($"/api/v1/products/{product.Id}", product);
    }

    private static async Task<IResult> UpdateAsync(
        Guid id, ProductInput input, ProductStore store, CatalogCache cache, HttpContext context, CancellationToken cancellationToken)
    {
        if (input.InitialStock is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["initialStock"] = ["Stock changes through stock adjustments, not by replacing the product."],
            });
        }

        if (input.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.UpdateAsync(id, input, EntityTags.ExpectedVersion(context.Request), cancellationToken);
        return await RespondAsync(result, id, cache, context.Response);
    }

    private static async Task<IResult> DeleteAsync(Guid id, ProductStore store, CatalogCache cache, HttpRequest request, CancellationToken cancellationToken)
    {
        var outcome = await store.DeleteAsync(id, EntityTags.ExpectedVersion(request), cancellationToken);
        if (outcome != WriteOutcome.Done)
        {
            return Refusal(outcome, id);
        }

        await cache.InvalidateAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AdjustStockAsync(
        Guid id, StockAdjustment adjustment, ProductStore store, CatalogCache cache, HttpContext context, CancellationToken cancellationToken)
    {
        if (adjustment.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.AdjustStockAsync(id, adjustment.Delta!.Value, EntityTags.ExpectedVersion(context.Request), cancellationToken);
        return await RespondAsync(result, id, cache, context.Response);
    }

    private static async Task<IResult> RespondAsync(WriteResult result, Guid id, CatalogCache cache, HttpResponse response)
    {
        if (result is not { Outcome: WriteOutcome.Done, Product: { } product })
        {
            return Refusal(result.Outcome, id);
        }

        await cache.InvalidateAsync(id);
        response.Headers.ETag = EntityTags.For(product.Version);
        return TypedResults.Ok(product);
    }

    private static IResult Refusal(WriteOutcome outcome, Guid id) => outcome switch
    {
        WriteOutcome.NotFound => NotFound(id),
        WriteOutcome.UnknownCategory => TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["category"] = ["No category has that slug; GET /api/v1/categories lists them."],
        }),
        WriteOutcome.DuplicateSku => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "SKU in use",
            detail: "Another product already has this SKU."),
        WriteOutcome.InsufficientStock => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not enough stock",
            detail: "The adjustment would take the available stock below zero."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Stale version",
            detail: "The product changed since the version in If-Match; read it again and reapply the change."),
    };

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Product not found", detail: $"No product has the id '{id}'.");
}
