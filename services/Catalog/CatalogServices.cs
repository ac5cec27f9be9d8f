using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Store.Catalog.Caching;
using Store.Catalog.Products;
using Store.Catalog.Seeding;
using Store.Catalog.Stock;
using Store.Data;
using Store.IntegrationEvents;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging;

namespace Store.Catalog;

internal static class CatalogServices
{
    /// <summary>Bodies larger than this answer 413: the largest valid product is well under it.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IHostApplicationBuilder AddCatalogServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(CatalogResources.Database);
        builder.AddRedisClient(CatalogResources.Cache);

        builder.Services.AddStrictJsonApi(CatalogJsonContext.Default, MaxRequestBodyBytes);
        builder.Services.AddApiDocument("Store catalog API", "Products, categories and stock. Errors are RFC 7807 problem details.",
            options => options.AddOperationTransformer<CatalogApiExamples>());
        builder.Services.AddDatabaseMigrations(typeof(CatalogServices).Assembly, "Store.Catalog.Data.Migrations.");
        builder.Services.AddDatabaseSeed<CatalogSeed>();
        builder.Services.AddSingleton<CatalogReseed>();
        builder.Services.AddSingleton<ProductStore>();
        builder.Services.AddCatalogCache();
        builder.AddMessaging(Producers.Catalog, messaging => messaging
            .Publishes<StockReserved>()
            .Publishes<StockRejected>()
            .Publishes<StockReleased>()
            .HandlesRuns<OrderSubmitted, ReserveStock>()
            .HandlesRuns<OrderCancelled, ReleaseStock>()
            .HandlesRuns<OrderConfirmed, CommitStock>());
        return builder;
    }

    private static void AddCatalogCache(this IServiceCollection services)
    {
        // Redis is the second level, through the connection Aspire's client integration already manages.
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
        {
            options.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            options.InstanceName = "catalog:";
        });
        services.AddSingleton<CacheTraceContext>();
        services.AddSingleton<IDistributedCache>(provider => new TracedDistributedCache(
            new RedisCache(provider.GetRequiredService<IOptions<RedisCacheOptions>>()),
            provider.GetRequiredService<CacheTraceContext>()));
        services.AddHybridCache()
            .AddSerializer(new JsonTypeInfoSerializer<Product>(CatalogJsonContext.Default.Product))
            .AddSerializer(new JsonTypeInfoSerializer<ProductPage>(CatalogJsonContext.Default.ProductPage));

        services.AddSingleton<CatalogMetrics>();
        services.AddSingleton<CacheInvalidations>();
        services.AddSingleton<InvalidationCounts>();
        services.AddSingleton<CatalogCache>();
        services.AddHostedService<CacheInvalidationListener>();
    }
}
