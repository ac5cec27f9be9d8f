namespace Store.Catalog;

/// <summary>
/// The authorization policies the catalog's endpoints name. Writes already carry <see cref="ManageCatalog"/>;
/// until the gateway work brings JWT validation, the policy admits every caller, and this file is the one place
/// that changes when it requires the admin role.
/// </summary>
internal static class CatalogPolicies
{
    public const string ManageCatalog = "catalog:manage";

    public static IServiceCollection AddCatalogPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(ManageCatalog, policy => policy.RequireAssertion(_ => true))
            .Services;
}
