using System.Collections.Concurrent;
using System.Diagnostics;

namespace Store.Catalog.Caching;

/// <summary>
/// HybridCache reads Redis and runs the factory on a thread-pool item that does not carry the caller's execution
/// context, so their spans would each start a trace of their own. This remembers, per key being looked up, the
/// activity of the request that asked, so that work can adopt it and show up under that request's trace.
/// </summary>
internal sealed class CacheTraceContext
{
    private readonly ConcurrentDictionary<string, Activity> callers = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="key"/> as looked up for the current activity until the scope ends.</summary>
    public Lookup Begin(string key) =>
        Activity.Current is { } activity && callers.TryAdd(key, activity) ? new Lookup(this, key) : default;

    /// <summary>Makes the requesting activity current for a piece of work on <paramref name="key"/>, when it has none.</summary>
    public Adoption Adopt(string key)
    {
        if (Activity.Current is not null || !callers.TryGetValue(key, out var caller))
        {
            return default;
        }

        Activity.Current = caller;
        return new Adoption(true);
    }

    public readonly struct Lookup(CacheTraceContext? owner, string? key) : IDisposable
    {
        public void Dispose() => owner?.callers.TryRemove(key!, out _);
    }

    public readonly struct Adoption(bool adopted) : IDisposable
    {
        public void Dispose()
        {
            if (adopted)
            {
                Activity.Current = null;
            }
        }
    }
}
