using System.Text.Json;
using StackExchange.Redis;

namespace Store.Catalog.Products;

/// <summary>Cache-aside in Redis for single products.</summary>
internal sealed class ProductCache(IConnectionMultiplexer redis)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    public static RedisKey KeyFor(Guid id) => $"catalog:product:{id:N}";

    public async Task<Product?> GetAsync(Guid id)
    {
        var cached = await redis.GetDatabase().StringGetAsync(KeyFor(id));
        return cached.IsNull ? null : JsonSerializer.Deserialize((byte[])cached!, CatalogJsonContext.Default.Product);
    }

    public Task RemoveAsync(Guid id) => redis.GetDatabase().KeyDeleteAsync(KeyFor(id));

    public Task SetAsync(Product product) =>
        redis.GetDatabase().StringSetAsync(
            KeyFor(product.Id),
            JsonSerializer.SerializeToUtf8Bytes(product, CatalogJsonContext.Default.Product),
            TimeToLive);
}
