using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Store.Analytics.Archive;
using Store.Analytics.Ingest;
using Store.Analytics.Live;
using Store.Data;
using Store.Messaging;
using Store.Messaging.Consumers;

namespace Store.Analytics.Processing;

/// <summary>
/// <see cref="ProcessorOptions.Consumers"/> consumers of the clickstream's group per replica. Each reads a batch, archives and counts it in one transaction
/// (<see cref="EventArchive"/>), acknowledges it after the commit and announces the new totals. A batch that fails
/// stays pending and is read again; entries a dead replica held are taken over after
/// <see cref="ProcessorOptions.ClaimIdleAfter"/>. Whatever is delivered twice is counted once.
/// </summary>
internal sealed partial class ClickstreamProcessor(
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    IConfiguration configuration,
    EventArchive archive,
    LiveFeed live,
    DatabaseReadiness database,
    AnalyticsTelemetry telemetry,
    IOptions<ProcessorOptions> options,
    TimeProvider clock,
    ILogger<ClickstreamProcessor> logger) : BackgroundService
{
    private readonly ProcessorOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, _options.Consumers).Select(_ => ConsumeAsync(ConsumerGroupReader.NewConsumerName(), stoppingToken)));
    }

    private async Task ConsumeAsync(string consumer, CancellationToken stoppingToken)
    {
        await using var reader = await ConsumerGroupReader.ConnectAsync(configuration, Clickstream.Group, consumer);
        string[] streams = [Clickstream.Stream];
        var groupReady = false;
        var failures = 0;
        var nextClaim = clock.GetTimestamp();
        // While set, the consumer re-reads its own unacknowledged entries (after a failed batch) before new ones.
        Dictionary<string, string>? ownPendingAfter = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await ConsumerGroupReader.CreateGroupAsync(bus.GetDatabase(), Clickstream.Stream, Clickstream.Group);
                    groupReady = true;
                }

                if (clock.GetElapsedTime(nextClaim) >= TimeSpan.Zero)
                {
                    await ClaimIdleEntriesAsync(consumer, stoppingToken);
                    nextClaim = clock.GetTimestamp() + (long)(_options.ClaimIdleAfter.TotalSeconds / 2 * clock.TimestampFrequency);
                }

                var read = await reader.ReadAsync(streams, _options.BatchSize, _options.BlockTimeout, ownPendingAfter);
                if (read.Count > 0)
                {
                    await ProcessAsync([.. read.Select(item => item.Entry)], stoppingToken);
                }

                if (ownPendingAfter is not null && read.Count < _options.BatchSize)
                {
                    ownPendingAfter = null;
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                if (ConsumerGroupReader.IsMissingGroup(exception))
                {
                    groupReady = false;
                }

                ownPendingAfter = new() { [Clickstream.Stream] = "0" };
                failures++;
                LogBatchFailed(logger, failures, exception);
                await Task.Delay(Backoff.For(failures, TimeSpan.FromMilliseconds(100), _options.MaxBackoff), stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ClaimIdleEntriesAsync(string consumer, CancellationToken cancellationToken)
    {
        RedisValue cursor = "0-0";
        do
        {
            var claimed = await bus.GetDatabase().StreamAutoClaimAsync(Clickstream.Stream, Clickstream.Group, consumer,
                (long)_options.ClaimIdleAfter.TotalMilliseconds, cursor, _options.BatchSize);
            if (claimed.ClaimedEntries.Length > 0)
            {
                LogClaimed(logger, claimed.ClaimedEntries.Length);
                await ProcessAsync(claimed.ClaimedEntries, cancellationToken);
            }

            if (claimed.DeletedIds.Length > 0)
            {
                await bus.GetDatabase().StreamAcknowledgeAsync(Clickstream.Stream, Clickstream.Group, claimed.DeletedIds);
            }

            cursor = claimed.NextStartId;
        }
        while (cursor != "0-0");
    }

    private async Task ProcessAsync(StreamEntry[] entries, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var events = new List<ArchivedEvent>(entries.Length);
        var malformed = new List<StreamEntry>();
        var traces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Values.Length == 0)
            {
                continue; // Trimmed while pending: nothing left to count.
            }

            if (TryRead(entry) is { } @event)
            {
                events.Add(@event);
                if (entry[Clickstream.TraceParentField] is { IsNullOrEmpty: false } traceParent)
                {
                    traces.Add(traceParent.ToString());
                }
            }
            else
            {
                malformed.Add(entry);
            }
        }

        using var activity = StartActivity(traces, events.Count);
        var changed = events.Count > 0 ? await archive.AppendAsync(events, cancellationToken) : [];
        if (malformed.Count > 0)
        {
            await DeadLetterAsync(malformed);
        }

        await bus.GetDatabase().StreamAcknowledgeAsync(Clickstream.Stream, Clickstream.Group, [.. entries.Select(entry => entry.Id)]);
        telemetry.BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        telemetry.Processed.Add(events.Count);
        activity?.SetTag("analytics.windows_changed", changed.Count);
        await live.PublishAsync(changed);
    }

    private static ArchivedEvent? TryRead(StreamEntry entry)
    {
        try
        {
            var value = entry[Clickstream.EventField];
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((byte[])value!, AnalyticsJsonContext.Default.ClickEvent)?.ToArchived();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Entries nobody can count (written to the stream by something other than the ingest endpoint) are kept aside, not dropped.</summary>
    private async Task DeadLetterAsync(List<StreamEntry> entries)
    {
        var database = bus.GetDatabase();
        foreach (var entry in entries)
        {
            await database.StreamAddAsync(Clickstream.DeadLetterStream, [.. entry.Values, new NameValueEntry("source-entry-id", entry.Id)]);
        }

        LogDeadLettered(logger, entries.Count);
    }

    /// <summary>A batch from one request continues that request's trace; a batch gathering several links to each.</summary>
    private static Activity? StartActivity(HashSet<string> traces, int events)
    {
        var contexts = traces
            .Select(traceParent => ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default)
            .Where(context => context != default)
            .ToList();
        var activity = contexts.Count == 1
            ? AnalyticsTelemetry.Source.StartActivity("clickstream process", ActivityKind.Consumer, contexts[0])
            : AnalyticsTelemetry.Source.StartActivity("clickstream process", ActivityKind.Consumer, parentContext: default,
                links: contexts.Select(context => new ActivityLink(context)));
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", Clickstream.Stream);
        activity?.SetTag("messaging.consumer.group.name", Clickstream.Group);
        activity?.SetTag("messaging.batch.message_count", events);
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A clickstream batch could not be processed ({Failures} in a row); its entries stay pending and are read again")]
    private static partial void LogBatchFailed(ILogger logger, int failures, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over {Count} clickstream entries left idle by a consumer presumed dead")]
    private static partial void LogClaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} clickstream entries are not events; moved to the dead-letter stream")]
    private static partial void LogDeadLettered(ILogger logger, int count);
}
