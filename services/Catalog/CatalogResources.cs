namespace Store.Catalog;

/// <summary>The names the AppHost gives the catalog's dependencies; its connection strings arrive under them.</summary>
internal static class CatalogResources
{
    public const string Database = "catalogdb";
    public const string Cache = "cache";
}
