using Store.Catalog.Caching;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

internal static class CacheEviction
{
    /// <summary>
    /// Stock is part of a product: once the change commits, cached copies of those products must go. A run commits as
    /// one, so its handler calls this once with every product the run touched.
    /// </summary>
    public static void EvictAfterCommit(this EventContext context, CatalogCache cache, IEnumerable<Guid> productIds)
    {
        var ids = productIds.Distinct().ToArray();
        if (ids.Length > 0)
        {
            context.OnCommitted(() => cache.InvalidateAsync(ids));
        }
    }
}
