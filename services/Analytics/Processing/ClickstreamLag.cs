using StackExchange.Redis;
using Store.Analytics.Ingest;
using Store.Messaging;
using Store.Messaging.Retention;

namespace Store.Analytics.Processing;

/// <summary>
/// Watches how far the processor is behind the clickstream (entries waiting, age of the oldest) for the lag metrics
/// and the ingest endpoint's backpressure, and trims entries every replica is done with: the archive keeps them.
/// </summary>
internal sealed partial class ClickstreamLag(
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    AnalyticsTelemetry telemetry,
    TimeProvider clock,
    ILogger<ClickstreamLag> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(30);

    private Snapshot _current = new(0, TimeSpan.Zero);

    /// <summary>How long a client should wait before sending more, or null when the processor keeps up.</summary>
    public TimeSpan? RetryAfter(IngestOptions options)
    {
        var current = Volatile.Read(ref _current);
        return Backpressure.RetryAfter(current.Backlog, current.Lag, options);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        var lastTrim = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                var snapshot = await MeasureAsync(bus.GetDatabase());
                Volatile.Write(ref _current, snapshot);
                telemetry.ReportLag(snapshot.Backlog, snapshot.Lag);
                if (clock.GetElapsedTime(lastTrim) >= TrimInterval)
                {
                    lastTrim = clock.GetTimestamp();
                    await StreamTrimPoint.TrimAsync(bus.GetDatabase(), Clickstream.Stream, clock.GetUtcNow());
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogUnavailable(logger, exception);
            }
        }
    }

    private async Task<Snapshot> MeasureAsync(IDatabase redis)
    {
        if (!await redis.KeyExistsAsync(Clickstream.Stream))
        {
            return new Snapshot(0, TimeSpan.Zero);
        }

        var group = (await redis.StreamGroupInfoAsync(Clickstream.Stream)).FirstOrDefault(info => info.Name == Clickstream.Group);
        if (group.Name is null)
        {
            // No processor has started yet: everything in the stream is waiting.
            var length = await redis.StreamLengthAsync(Clickstream.Stream);
            var first = await redis.StreamRangeAsync(Clickstream.Stream, "-", "+", 1);
            return new Snapshot(length, first.Length == 0 ? TimeSpan.Zero : AgeOf(first[0].Id));
        }

        var oldestPending = await StreamTrimPoint.OldestPendingAsync(redis, Clickstream.Stream, group);
        var keepFrom = StreamTrimPoint.KeepFrom(oldestPending, group.LastDeliveredId ?? "0-0");
        var oldest = await redis.StreamRangeAsync(Clickstream.Stream, keepFrom, "+", 1);
        var undelivered = group.Lag ?? await redis.StreamLengthAsync(Clickstream.Stream);
        return new Snapshot(group.PendingMessageCount + undelivered, oldest.Length == 0 ? TimeSpan.Zero : AgeOf(oldest[0].Id));
    }

    private TimeSpan AgeOf(RedisValue entryId)
    {
        var id = entryId.ToString();
        var milliseconds = long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }

    private sealed record Snapshot(long Backlog, TimeSpan Lag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot measure or trim the clickstream; trying again shortly")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
