using Store.Catalog.Caching;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

internal static class CacheEviction
{
    /// <summary>Stock is part of a product: once the change commits, cached copies of those products must go.</summary>
    public static void EvictAfterCommit(this EventContext context, CatalogCache cache, IEnumerable<Guid> productIds)
    {
        var ids = productIds.ToArray();
        if (ids.Length > 0)
        {
            context.OnCommitted(async () =>
            {
                foreach (var id in ids)
                {
                    await cache.InvalidateAsync(id);
                }
            });
        }
    }
}
