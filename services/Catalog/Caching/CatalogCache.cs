using System.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;
using Store.Catalog.Products;

namespace Store.Catalog.Caching;

/// <summary>
/// Cache-aside for products and list pages: memory in each replica, then Redis, then Postgres. HybridCache lets one
/// caller per key reach Postgres while the others wait for its answer (no stampede). A write drops the product and
/// every list page here and, through <see cref="CacheInvalidations"/>, in every other replica. A read that was
/// under way when a replica heard of a change is answered but not cached (<see cref="InvalidationCounts"/>).
/// </summary>
internal sealed partial class CatalogCache(
    HybridCache cache,
    CacheInvalidations invalidations,
    InvalidationCounts invalidationCounts,
    CacheTraceContext traces,
    CatalogMetrics metrics,
    IConfiguration configuration,
    ILogger<CatalogCache> logger)
{
    /// <summary>Set to false to serve every read from Postgres: for diagnosing the cache, and to measure without it.</summary>
    public const string EnabledSetting = "Catalog:Cache:Enabled";

    public const string ListTag = "product-lists";

    private static readonly HybridCacheEntryOptions Entries = new()
    {
        Expiration = TimeSpan.FromMinutes(5),
        // Bounds how long a replica could serve a stale copy if an invalidation message were lost.
        LocalCacheExpiration = TimeSpan.FromSeconds(30),
    };

    private static readonly string[] ListTags = [ListTag];

    private readonly bool enabled = configuration.GetValue(EnabledSetting, defaultValue: true);

    public static string ProductKey(Guid id) => $"product:{id:N}";

    /// <summary>A product, or null when there is none; absence is not cached, so unknown ids cannot fill the cache.</summary>
    public async Task<(Product? Product, bool Hit)> GetProductAsync(Guid id, Func<CancellationToken, Task<Product?>> load, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<Product>(
                ProductKey(id), () => invalidationCounts.OfProduct(id), async token => await load(token) ?? throw new AbsentEntryException(), tags: null, cancellationToken);
        }
        catch (AbsentEntryException)
        {
            return (null, false);
        }
    }

    public Task<(ProductPage? Page, bool Hit)> GetPageAsync(ProductQuery query, Func<CancellationToken, Task<ProductPage?>> load, CancellationToken cancellationToken) =>
        GetAsync(PageKey(query), invalidationCounts.OfAnyProduct, load, ListTags, cancellationToken);

    /// <summary>
    /// Drops a changed product and all list pages, in this replica and the others. It runs after the change is
    /// committed, so it does not stop when the caller goes away: a change must never stay hidden behind a cached copy.
    /// With Redis away the change still stands and is answered as made: only Redis's copies and the other replicas'
    /// cannot be told, and they are served until they expire (<see cref="Entries"/>).
    /// </summary>
    public async Task InvalidateAsync(params IReadOnlyCollection<Guid> ids)
    {
        try
        {
            await DropLocallyAsync(ids, CancellationToken.None);
            await invalidations.PublishAsync(ids);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogNotInvalidated(logger, ids.Count, string.Join(", ", ids), exception.Message);
        }
    }

    /// <summary>
    /// What a replica does on hearing of changes made elsewhere, and on making them itself: however many products
    /// changed together, the list pages are dropped once.
    /// </summary>
    public async Task DropLocallyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            invalidationCounts.Count(id);
        }

        await cache.RemoveAsync(ids.Select(ProductKey), cancellationToken);
        await cache.RemoveByTagAsync(ListTag, cancellationToken);
    }

    private async Task<(T? Value, bool Hit)> GetAsync<T>(
        string key, Func<long> invalidationCount, Func<CancellationToken, Task<T?>> load, string[]? tags, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return (await load(cancellationToken), false);
        }

        var lookup = new Lookup<T>(load, invalidationCount, key, traces);
        T? value;
        try
        {
            using (traces.Begin(key))
            {
                value = await cache.GetOrCreateAsync(key, lookup, static async (state, token) =>
                {
                    state.Loaded = true;
                    using var adoption = state.Traces.Adopt(state.Key);
                    var before = state.InvalidationCount();
                    var loaded = await state.Load(token);
                    return state.InvalidationCount() == before ? loaded : throw new InvalidatedWhileLoadingException();
                }, Entries, tags, cancellationToken);
            }
        }
        catch (InvalidatedWhileLoadingException)
        {
            // What was read may predate the change: read again, after it, and cache nothing this time.
            value = await load(cancellationToken);
            lookup.Loaded = true;
        }

        var hit = !lookup.Loaded;
        Activity.Current?.SetTag("catalog.cache.hit", hit);
        metrics.CacheLookup(typeof(T) == typeof(Product) ? "product" : "page", hit);
        return (value, hit);
    }

    private static string PageKey(ProductQuery query) =>
        $"products:{query.Category}:{query.Sort}:{query.Limit}:{query.After?.Encode()}:{query.Search}";

    /// <summary>HybridCache caches whatever a factory returns, but not what it throws.</summary>
    private sealed class AbsentEntryException : Exception;

    private sealed class InvalidatedWhileLoadingException : Exception;

    private sealed class Lookup<T>(Func<CancellationToken, Task<T?>> load, Func<long> invalidationCount, string key, CacheTraceContext traces)
    {
        public Func<CancellationToken, Task<T?>> Load { get; } = load;

        public Func<long> InvalidationCount { get; } = invalidationCount;

        public string Key { get; } = key;

        public CacheTraceContext Traces { get; } = traces;

        public bool Loaded { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} products ({ProductIds}) changed while Redis is away ({Error}): cached copies in Redis and in other replicas stay until they expire")]
    private static partial void LogNotInvalidated(ILogger logger, int count, string productIds, string error);
}
