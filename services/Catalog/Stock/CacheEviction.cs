using Store.Catalog.Caching;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

internal static class CacheEviction
{
    /// <summary>
    /// Stock is part of a product: once the run's change commits, cached copies of those products must go. A run
    /// commits as one, so it is told once, with every product it touched.
    /// </summary>
    public static void EvictAfterCommit<TEvent>(this IReadOnlyList<RunMessage<TEvent>> run, CatalogCache cache, IEnumerable<Guid> productIds)
    {
        var ids = productIds.Distinct().ToArray();
        if (ids.Length > 0)
        {
            run[0].Context.OnCommitted(() => cache.InvalidateAsync(ids));
        }
    }
}
