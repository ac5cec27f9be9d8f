using Scalar.AspNetCore;

namespace Store.Catalog;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>; in Development, the Scalar reference at <c>/scalar</c>.</summary>
internal static class CatalogApiDocument
{
    public static IServiceCollection AddCatalogApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Store catalog API";
                document.Info.Description = "Products, categories and stock. Errors are RFC 7807 problem details.";
                return Task.CompletedTask;
            })
            .AddOperationTransformer<CatalogApiExamples>());

    public static WebApplication MapCatalogApiDocument(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }
}
