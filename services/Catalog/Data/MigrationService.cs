namespace Store.Catalog.Data;

/// <summary>Migrates and seeds the catalog database at start, before the server takes requests.</summary>
internal sealed class MigrationService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.MigrateCatalogAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
