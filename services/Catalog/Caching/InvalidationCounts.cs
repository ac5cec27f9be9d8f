namespace Store.Catalog.Caching;

/// <summary>
/// Counts the invalidations this replica has heard of, so a load can tell afterwards whether a change was committed
/// while it read Postgres. Without it a read that started before a commit and finished after its invalidation would
/// put the old copy back into the cache, where it would stay until it expired. Products are counted in a fixed
/// number of stripes (a change to one product may make a load of another one uncacheable, never the reverse); list
/// pages show every product, so any change counts for them.
/// </summary>
internal sealed class InvalidationCounts
{
    private const int Stripes = 1024;

    private readonly long[] products = new long[Stripes];
    private long any;

    public void Count(Guid productId)
    {
        Interlocked.Increment(ref products[Stripe(productId)]);
        Interlocked.Increment(ref any);
    }

    public long OfProduct(Guid productId) => Volatile.Read(ref products[Stripe(productId)]);

    public long OfAnyProduct() => Volatile.Read(ref any);

    private static int Stripe(Guid productId) => (int)((uint)productId.GetHashCode() % Stripes);
}
