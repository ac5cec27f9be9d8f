using StackExchange.Redis;

namespace Store.Catalog.Caching;

/// <summary>
/// Tells every catalog replica, over Redis pub/sub, which product changed, so each drops its in-memory copies.
/// Delivery is fire-and-forget: a replica that misses a message (say, while reconnecting) serves its copy until
/// <see cref="CatalogCache"/>'s local expiry, 30 seconds at most.
/// </summary>
internal sealed class CacheInvalidations(IConnectionMultiplexer redis)
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("catalog:cache-invalidations");

    public Task PublishAsync(Guid id) => redis.GetSubscriber().PublishAsync(Channel, id.ToString("N"));

    public Task SubscribeAsync(Func<Guid, Task> drop) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            if (Guid.TryParseExact(message.ToString(), "N", out var id))
            {
                _ = drop(id);
            }
        });
}
