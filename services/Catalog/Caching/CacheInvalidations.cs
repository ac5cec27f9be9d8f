using StackExchange.Redis;

namespace Store.Catalog.Caching;

/// <summary>
/// Tells every catalog replica, over Redis pub/sub, which products changed, so each drops its in-memory copies: one
/// message per change, however many products it touched, signed by the replica that sent it, which has dropped its
/// own copies already and ignores it. Delivery is fire-and-forget: a replica that misses a message (say, while
/// reconnecting) serves its copy until <see cref="CatalogCache"/>'s local expiry, 30 seconds at most.
/// </summary>
internal sealed class CacheInvalidations(IConnectionMultiplexer redis)
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("catalog:cache-invalidations");

    private readonly string _sender = Guid.NewGuid().ToString("N");

    public Task PublishAsync(IReadOnlyCollection<Guid> ids) =>
        redis.GetSubscriber().PublishAsync(Channel, $"{_sender}:{string.Join(',', ids.Select(id => id.ToString("N")))}");

    public Task SubscribeAsync(Func<IReadOnlyCollection<Guid>, Task> drop) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            if (message.ToString().Split(':', 2) is not [var sender, var list] || sender == _sender)
            {
                return;
            }

            var ids = list.Split(',').Select(text => Guid.TryParseExact(text, "N", out var id) ? id : (Guid?)null).OfType<Guid>().ToArray();
            if (ids.Length > 0)
            {
                _ = drop(ids);
            }
        });
}
