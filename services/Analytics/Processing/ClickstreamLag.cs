using StackExchange.Redis;
using Store.Analytics.Ingest;
using Store.Messaging;
using Store.Messaging.Consumers;
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

    private ConsumerGroupBacklog _current = ConsumerGroupBacklog.None;

    /// <summary>How long a client should wait before sending more, or null when the processor keeps up.</summary>
    public TimeSpan? RetryAfter(IngestOptions options)
    {
        var current = Volatile.Read(ref _current);
        return Backpressure.RetryAfter(current.Entries, current.OldestAge, options);
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
                var backlog = await ConsumerGroupBacklog.MeasureAsync(bus.GetDatabase(), Clickstream.Stream, Clickstream.Group, clock.GetUtcNow());
                Volatile.Write(ref _current, backlog);
                telemetry.ReportLag(backlog.Entries, backlog.OldestAge);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot measure or trim the clickstream; trying again shortly")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
