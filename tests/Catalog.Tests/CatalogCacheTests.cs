using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Store.Catalog.Caching;
using Store.Catalog.Products;

namespace Store.Catalog.Tests;

public sealed class CatalogCacheTests : IAsyncDisposable
{
    private readonly ServiceProvider services = NewServices();
    private readonly Guid id = Guid.NewGuid();
    private Product current;

    public CatalogCacheTests() => current = Product(id, available: 10, reserved: 4);

    private CatalogCache Cache => services.GetRequiredService<CatalogCache>();

    [Fact]
    public async Task A_product_read_once_is_answered_from_the_cache()
    {
        await Cache.GetProductAsync(id, ReadCurrent, CancellationToken.None);
        current = current with { Stock = new StockLevel(6, 0) };

        var (product, hit) = await Cache.GetProductAsync(id, ReadCurrent, CancellationToken.None);

        Assert.True(hit);
        Assert.Equal(new StockLevel(10, 4), product!.Stock);
    }

    [Fact]
    public async Task A_read_that_overlaps_a_committed_change_does_not_put_the_old_copy_in_the_cache()
    {
        var reading = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var slowRead = Cache.GetProductAsync(id, async token =>
        {
            var seen = current;
            reading.TrySetResult();
            await release.Task.WaitAsync(token);
            return seen;
        }, CancellationToken.None);
        await reading.Task;

        current = current with { Stock = new StockLevel(6, 0) };
        await Cache.DropLocallyAsync([id], CancellationToken.None);
        release.SetResult();

        Assert.Equal(new StockLevel(6, 0), (await slowRead).Product!.Stock);
        Assert.Equal(new StockLevel(6, 0), (await Cache.GetProductAsync(id, ReadCurrent, CancellationToken.None)).Product!.Stock);
    }

    [Fact]
    public async Task A_change_to_one_product_does_not_keep_other_products_out_of_the_cache_for_good()
    {
        await Cache.DropLocallyAsync([Guid.NewGuid()], CancellationToken.None);
        await Cache.GetProductAsync(id, ReadCurrent, CancellationToken.None);

        Assert.True((await Cache.GetProductAsync(id, ReadCurrent, CancellationToken.None)).Hit);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private Task<Product?> ReadCurrent(CancellationToken cancellationToken) => Task.FromResult<Product?>(current);

    private static Product Product(Guid id, int available, int reserved) =>
        new(id, "SKU-1", "Kettle", "", 20m, "EUR", "kitchen", null, new StockLevel(available, reserved), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    private static ServiceProvider NewServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "catalog" });
        services.AddHybridCache().AddSerializer(new JsonTypeInfoSerializer<Product>(CatalogJsonContext.Default.Product));
        services.AddSingleton<CacheTraceContext>();
        services.AddSingleton<CatalogMetrics>();
        services.AddSingleton<InvalidationCounts>();
        // Never reached: these tests only drop copies in this replica, which is all a read races against.
        services.AddSingleton(new CacheInvalidations(null!));
        services.AddSingleton<CatalogCache>();
        return services.BuildServiceProvider();
    }
}
