namespace Store.Catalog.Caching;

/// <summary>Listens from start-up for changes made by other replicas.</summary>
internal sealed class CacheInvalidationListener(CacheInvalidations invalidations, CatalogCache cache, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        invalidations.SubscribeAsync(ids => cache.DropLocallyAsync(ids, lifetime.ApplicationStopping));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
