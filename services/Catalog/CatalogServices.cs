using Store.Catalog.Products;

namespace Store.Catalog;

internal static class CatalogServices
{
    public static IHostApplicationBuilder AddCatalogServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(CatalogResources.Database);
        builder.AddRedisClient(CatalogResources.Cache);

        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, CatalogJsonContext.Default));
        builder.Services.AddSingleton<ProductStore>();
        builder.Services.AddSingleton<ProductCache>();
        return builder;
    }
}
