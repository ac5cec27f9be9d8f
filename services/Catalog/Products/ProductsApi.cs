using Microsoft.AspNetCore.Http.HttpResults;
using Store.Catalog.Caching;
using Store.Problems;
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
            .WithDescription($"Filter by category slug and free text (q), sort by {ProductSorts.Allowed}; pass nextCursor back as cursor for the next page.");
        products.MapGet("/{id:guid}", GetAsync).WithName("GetProduct").AllowAnonymous()
            .WithSummary("Reads one product with its stock.")
            .WithDescription("The ETag is the product's version; If-None-Match with it answers 304.");

        var administration = products.MapGroup("/").RequireAuthorization(StorePolicies.Admin);
        administration.MapPost("/", CreateAsync).WithName("CreateProduct")
            .WithSummary("Adds a product, with its initial stock.");
        administration.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateProduct")
            .WithSummary("Replaces a product's details; stock changes through stock adjustments.")
            .WithDescription("Send If-Match with the ETag you read: a product changed since answers 412.");
        administration.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProduct")
            .WithSummary("Removes a product and its stock.");
        administration.MapPost("/{id:guid}/stock-adjustments", AdjustStockAsync).WithName("AdjustStock")
            .WithSummary("Adds received stock or writes stock off; available stock never goes below zero.");
        return app;
    }

    private static async Task<Results<Ok<ProductPage>, ValidationProblem>> ListAsync(
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

    private static async Task<Results<Ok<Product>, NotModified, NotFoundProblem>> GetAsync(
        Guid id, ProductStore store, CatalogCache cache, HttpContext context, CancellationToken cancellationToken)
    {
        var (product, hit) = await cache.GetProductAsync(id, token => store.FindAsync(id, token), cancellationToken);
        if (product is null)
        {
            return NotFound(id);
        }

        context.Response.Headers[CacheHeader] = hit ? "hit" : "miss";
        context.Response.Headers.ETag = EntityTags.For(product.Version);
        return EntityTags.IsCurrent(context.Request, product.Version) ? new NotModified() : TypedResults.Ok(product);
    }

    private static async Task<Results<Created<Product>, ValidationProblem, ConflictProblem>> CreateAsync(
        ProductInput input, ProductStore store, CatalogCache cache, HttpResponse response, CancellationToken cancellationToken)
    {
        if (input.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.CreateAsync(input, cancellationToken);
        switch (result)
        {
            case { Outcome: WriteOutcome.Done, Product: { } product }:
                await cache.InvalidateAsync(product.Id);
                response.Headers.ETag = EntityTags.For(product.Version);
                return TypedResults.Created($"/api/v1/products/{product.Id}", product);
            case { Outcome: WriteOutcome.UnknownCategory }:
                return UnknownCategory();
            case { Outcome: WriteOutcome.DuplicateSku }:
                return SkuInUse();
            default:
                throw new InvalidOperationException($"Creating a product cannot end {result.Outcome}.");
        }
    }

    private static async Task<Results<Ok<Product>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem>> UpdateAsync(
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

    private static async Task<Results<NoContent, NotFoundProblem, PreconditionFailedProblem>> DeleteAsync(
        Guid id, ProductStore store, CatalogCache cache, HttpRequest request, CancellationToken cancellationToken)
    {
        switch (await store.DeleteAsync(id, EntityTags.ExpectedVersion(request), cancellationToken))
        {
            case WriteOutcome.Done:
                await cache.InvalidateAsync(id);
                return TypedResults.NoContent();
            case WriteOutcome.NotFound:
                return NotFound(id);
            default:
                return StaleVersion();
        }
    }

    private static async Task<Results<Ok<Product>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem>> AdjustStockAsync(
        Guid id, StockAdjustment adjustment, ProductStore store, CatalogCache cache, HttpContext context, CancellationToken cancellationToken)
    {
        if (adjustment.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.AdjustStockAsync(id, adjustment.Delta!.Value, EntityTags.ExpectedVersion(context.Request), cancellationToken);
        return await RespondAsync(result, id, cache, context.Response);
    }

    private static async Task<Results<Ok<Product>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionFailedProblem>> RespondAsync(
        WriteResult result, Guid id, CatalogCache cache, HttpResponse response)
    {
        switch (result)
        {
            case { Outcome: WriteOutcome.Done, Product: { } product }:
                await cache.InvalidateAsync(id);
                response.Headers.ETag = EntityTags.For(product.Version);
                return TypedResults.Ok(product);
            case { Outcome: WriteOutcome.NotFound }:
                return NotFound(id);
            case { Outcome: WriteOutcome.UnknownCategory }:
                return UnknownCategory();
            case { Outcome: WriteOutcome.DuplicateSku }:
                return SkuInUse();
            case { Outcome: WriteOutcome.InsufficientStock }:
                return new ConflictProblem("Not enough stock", "The adjustment would take the available stock below zero.");
            default:
                return StaleVersion();
        }
    }

    private static ValidationProblem UnknownCategory() => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["category"] = ["No category has that slug; GET /api/v1/categories lists them."],
    });

    private static ConflictProblem SkuInUse() => new("SKU in use", "Another product already has this SKU.");

    private static PreconditionFailedProblem StaleVersion() =>
        new("Stale version", "The product changed since the version in If-Match; read it again and reapply the change.");

    private static NotFoundProblem NotFound(Guid id) => new("Product not found", $"No product has the id '{id}'.");
}
