using System.Diagnostics.Metrics;

namespace Store.Catalog.Caching;

/// <summary>The catalog's own instruments, exported with the service defaults' meter (the application name).</summary>
internal sealed class CatalogMetrics
{
    private readonly Counter<long> cacheLookups;

    public CatalogMetrics(IMeterFactory meters, IHostEnvironment environment)
    {
        var meter = meters.Create(environment.ApplicationName);
        cacheLookups = meter.CreateCounter<long>("catalog.cache.lookups", description: "Cache lookups, by what was looked up and whether the cache answered.");
    }

    public void CacheLookup(string entry, bool hit) =>
        cacheLookups.Add(1, new("catalog.cache.entry", entry), new("catalog.cache.result", hit ? "hit" : "miss"));
}
