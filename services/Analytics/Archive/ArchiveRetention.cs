using Microsoft.Extensions.Options;
using Npgsql;
using Store.Data;

namespace Store.Analytics.Archive;

/// <summary>
/// Keeps <see cref="ArchiveOptions.Retention"/> of history: drops the archive's expired days and the windows counted
/// from them, and creates today's and tomorrow's partitions ahead of their first events.
/// </summary>
internal sealed class ArchiveRetention(
    NpgsqlDataSource dataSource,
    ArchivePartitions partitions,
    DatabaseReadiness database,
    IOptions<ArchiveOptions> options,
    TimeProvider clock,
    ILogger<ArchiveRetention> logger)
    : PeriodicDatabaseWork("the archive's retention", options.Value.MaintenanceInterval, database, clock, logger)
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await partitions.EnsureAsync([now, now.AddDays(1)], cancellationToken);
        var cutoff = RetentionCutoff(now, options.Value);
        await partitions.DropBeforeAsync(DateOnly.FromDateTime(cutoff.UtcDateTime), cancellationToken);
        await using var expire = dataSource.CreateBatch();
        expire.BatchCommands.Add(new("DELETE FROM product_minutes WHERE window_start < $1") { Parameters = { new() { Value = cutoff } } });
        expire.BatchCommands.Add(new("DELETE FROM visitor_minutes WHERE window_start < $1") { Parameters = { new() { Value = cutoff } } });
        await expire.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The start of the oldest day kept: history before it is gone and cannot be replayed.</summary>
    public static DateTimeOffset RetentionCutoff(DateTimeOffset now, ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var day = (now - options.Retention).UtcDateTime.Date;
        return new DateTimeOffset(day, TimeSpan.Zero);
    }
}
