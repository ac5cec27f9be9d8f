using Store.Security;

namespace Store.Catalog.Seeding;

internal static class ReseedApi
{
    /// <summary>
    /// <c>POST /api/v1/reseed</c>, for admins, in Development only: a deployed catalog has no endpoint that writes demo
    /// data. It stays out of the OpenAPI document, whose contract is the same in every environment. The AppHost's
    /// <i>Reseed</i> command calls it.
    /// </summary>
    public static WebApplication MapReseedApi(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapPost("/api/v1/reseed", async (CatalogReseed reseed, CancellationToken cancellationToken) => TypedResults.Ok(await reseed.RestoreAsync(cancellationToken)))
                .RequireAuthorization(StorePolicies.Admin)
                .ExcludeFromDescription();
        }

        return app;
    }
}
