namespace Store.AppHost.Operations;

internal static class CatalogCommandsExtensions
{
    /// <summary>
    /// <i>Reseed</i>, in a local run only (the catalog serves the reseed in Development alone): puts back the seeded
    /// categories and products that are missing, with their seeded stock; what exists is left as it is.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReseedCommand(this IResourceBuilder<ProjectResource> catalog, OperatorToken token)
    {
        if (!catalog.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return catalog;
        }

        var api = new ServiceAdminApi(catalog, token);
        return catalog.WithOperatorCommand("reseed", "Reseed", context => ReseedAsync(api, context), new CommandOptions
        {
            Description = "Puts back the seeded categories and products that are missing, with their seeded stock.",
            ConfirmationMessage = "Put the missing seeded categories and products back into the catalog?",
            IconName = "ArrowReset",
        });
    }

    private static async Task<string> ReseedAsync(ServiceAdminApi api, ExecuteCommandContext context)
    {
        var result = await api.SendAsync<ReseedResult>(context, HttpMethod.Post, "/api/v1/reseed");
        return $"Restored {result.ProductsRestored} of the {result.SeededProducts:N0} seeded products and {result.CategoriesRestored} of the {result.SeededCategories} categories.";
    }

    private sealed record ReseedResult(int CategoriesRestored, int SeededCategories, int ProductsRestored, int SeededProducts);
}
