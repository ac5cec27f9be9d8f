using Microsoft.Extensions.Caching.Distributed;

namespace Store.Catalog.Caching;

/// <summary>The Redis second level, doing its work under the trace of the request it is done for.</summary>
internal sealed class TracedDistributedCache(IDistributedCache inner, CacheTraceContext traces) : IDistributedCache
{
    public byte[]? Get(string key)
    {
        using var adoption = traces.Adopt(key);
        return inner.Get(key);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        using var adoption = traces.Adopt(key);
        return await inner.GetAsync(key, token);
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        using var adoption = traces.Adopt(key);
        inner.Set(key, value, options);
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        using var adoption = traces.Adopt(key);
        await inner.SetAsync(key, value, options, token);
    }

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);
}
