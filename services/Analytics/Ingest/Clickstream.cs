using System.Diagnostics;
using System.Text.Json;
using StackExchange.Redis;
using Store.Messaging;

namespace Store.Analytics.Ingest;

/// <summary>The Redis stream the ingest endpoint appends to and the processor's consumer group reads.</summary>
internal sealed class Clickstream([FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus)
{
    public const string Stream = "clickstream";
    public const string DeadLetterStream = "clickstream:dead-letter";
    public const string Group = "analytics";
    public const string EventField = "event";
    public const string TraceParentField = "traceparent";

    /// <summary>
    /// Appends every event of the batch, or none: the XADDs go in one MULTI/EXEC, sent as one pipelined write.
    /// Each entry carries the request's trace context so the processor's work joins the request's trace.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<ClickEvent> events)
    {
        var traceParent = Activity.Current?.Id ?? string.Empty;
        var transaction = bus.GetDatabase().CreateTransaction();
        var appends = new Task[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            appends[i] = transaction.StreamAddAsync(Stream, [
                new NameValueEntry(EventField, JsonSerializer.SerializeToUtf8Bytes(events[i], AnalyticsJsonContext.Default.ClickEvent)),
                new NameValueEntry(TraceParentField, traceParent),
            ]);
        }

        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException("The clickstream transaction was not committed.");
        }

        await Task.WhenAll(appends);
    }
}
