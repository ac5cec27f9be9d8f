using Microsoft.Extensions.Options;
using Npgsql;
using Store.Data;

namespace Store.Analytics.Archive;

/// <summary>
/// Keeps <see cref="ArchiveOptions.Retention"/> of history: drops the archive's expired days and the windows counted
/// from them, and creates today's and tomorrow's partitions ahead of their first events.
/// </summary>
internal sealed partial class ArchiveRetention(
    NpgsqlDataSource dataSource,
    ArchivePartitions partitions,
    DatabaseReadiness database,
    IOptions<ArchiveOptions> options,
    TimeProvider clock,
    ILogger<ArchiveRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval, clock);
        try
        {
            do
            {
                try
                {
                    await ApplyAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the archive's retention failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
