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
using Store.Messaging.DeadLetters;

namespace Store.Analytics.Processing;

/// <summary>
/// <see cref="ProcessorOptions.Consumers"/> consumers (<see cref="ConsumerGroupLoop"/>s) of the clickstream's group per
/// replica, on the clickstream and its redrive stream. Each batch read is archived and counted in one transaction
/// (<see cref="EventArchive"/>), acknowledged after the commit and announced with the new totals. A batch that fails
/// stays pending and is read again; entries a dead replica held are taken over after
/// <see cref="ProcessorOptions.ClaimIdleAfter"/>. Whatever is delivered twice is counted once.
/// </summary>
internal sealed partial class ClickstreamProcessor(
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    IConfiguration configuration,
    EventArchive archive,
    LiveFeed live,
    IDeadLetters deadLetters,
    DatabaseReadiness database,
    AnalyticsTelemetry telemetry,
    IOptions<ProcessorOptions> options,
    TimeProvider clock,
    ILogger<ClickstreamProcessor> logger) : BackgroundService, IConsumerGroupHandler
{
    private static readonly string[] Streams = [Clickstream.Stream, StreamNames.Redrive(Clickstream.Group, Clickstream.Stream)];

    private readonly ProcessorOptions _options = options.Value;

    /// <summary>A batch is written in one transaction whatever its size: the batch size alone bounds a read.</summary>
    int IConsumerGroupHandler.Room => int.MaxValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        var loopOptions = new ConsumerGroupLoopOptions(_options.BatchSize, _options.BlockTimeout, _options.ClaimIdleAfter,
            TimeSpan.FromMilliseconds(100), _options.MaxBackoff);
        await Task.WhenAll(Enumerable.Range(0, _options.Consumers).Select(_ =>
            new ConsumerGroupLoop(bus, configuration, Clickstream.Group, Streams, this, loopOptions, clock, logger).RunAsync(stoppingToken)));
    }

    Task IConsumerGroupHandler.WaitForRoomAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IConsumerGroupHandler.HandleAsync(IReadOnlyList<(string Stream, StreamEntry Entry)> entries, bool redelivered, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var events = new List<ArchivedEvent>(entries.Count);
        var malformed = new List<(string Stream, StreamEntry Entry)>();
        var traces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (stream, entry) in entries)
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
                malformed.Add((stream, entry));
            }
        }

        using var activity = StartActivity(traces, events.Count);
        var changed = events.Count > 0 ? await archive.AppendAsync(events, cancellationToken) : [];
        if (malformed.Count > 0)
        {
            await DeadLetterAsync(malformed);
        }

        foreach (var fromStream in entries.GroupBy(item => item.Stream, StringComparer.Ordinal))
        {
            await bus.GetDatabase().StreamAcknowledgeAsync(fromStream.Key, Clickstream.Group, [.. fromStream.Select(item => item.Entry.Id)]);
        }

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

    /// <summary>
    /// Entries nobody can count (written to the stream by something other than the ingest endpoint) are kept aside with
    /// the service's dead letters, not dropped: an operator sees them in the messaging API and can redrive them here.
    /// </summary>
    private async Task DeadLetterAsync(List<(string Stream, StreamEntry Entry)> entries)
    {
        foreach (var (stream, entry) in entries)
        {
            await deadLetters.AddAsync(stream, entry, 0, "The entry is not a click event.");
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} clickstream entries are not events; moved to the service's dead letters")]
    private static partial void LogDeadLettered(ILogger logger, int count);
}
