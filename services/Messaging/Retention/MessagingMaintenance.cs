using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using Store.Data;

namespace Store.Messaging.Retention;

/// <summary>
/// Applies the retention window: published outbox rows (kept for replay), inbox and failure rows (kept for
/// deduplication), and entries of the streams this service writes (its outbox and redrive streams) that every group
/// has acknowledged.
/// </summary>
internal sealed partial class MessagingMaintenance(
    NpgsqlDataSource dataSource,
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    MessagingRegistry registry,
    DatabaseReadiness database,
    TimeProvider clock,
    IOptions<MessagingOptions> options,
    ILogger<MessagingMaintenance> logger)
    : PeriodicDatabaseWork("the messaging retention", options.Value.MaintenanceInterval, database, clock, logger)
{
    private readonly MessagingOptions _options = options.Value;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow() - _options.Retention;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("DELETE FROM messaging.outbox WHERE published_at < $1") { Parameters = { new() { Value = cutoff } } });
        batch.BatchCommands.Add(new("DELETE FROM messaging.inbox WHERE handled_at < $1") { Parameters = { new() { Value = cutoff } } });
        batch.BatchCommands.Add(new("DELETE FROM messaging.failures WHERE last_failed_at < $1") { Parameters = { new() { Value = cutoff } } });
        await batch.ExecuteNonQueryAsync(cancellationToken);

        var redis = bus.GetDatabase();
        foreach (var stream in registry.ProducedStreams.Concat(registry.RedriveStreams))
        {
            if (await redis.KeyExistsAsync(stream))
            {
                var trimmed = await StreamTrimPoint.TrimAsync(redis, stream, cutoff);
                if (trimmed > 0)
                {
                    LogTrimmed(logger, stream, trimmed);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trimmed {Count} acknowledged entries from {Stream}")]
    private static partial void LogTrimmed(ILogger logger, string stream, long count);
}
