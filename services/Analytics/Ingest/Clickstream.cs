using System.Diagnostics;
using System.Text.Json;
using StackExchange.Redis;
using Store.Messaging;

namespace Store.Analytics.Ingest;

/// <summary>The Redis stream the ingest endpoint appends to and the processor's consumer group reads.</summary>
internal sealed class Clickstream([FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus)
{
    public const string Stream = "clickstream";

    /// <summary>The service's own group: dead letters and redrives are kept per group, beside the bus's.</summary>
    public const string Group = AnalyticsResources.Service;

    public const string EventField = "event";
    public const string TraceParentField = "traceparent";

    /// <summary>
    /// One XADD per event inside a script: Redis runs a script whole, and refuses one that writes before it starts
    /// when memory is short (the <c>#!lua</c> header), so a batch is appended entirely or not at all. One command
    /// instead of a MULTI/EXEC of a hundred also costs the service and Redis less.
    /// </summary>
    private const string AppendScript = $$"""
        #!lua
        for i = 2, #ARGV do
            redis.call('XADD', KEYS[1], '*', '{{EventField}}', ARGV[i], '{{TraceParentField}}', ARGV[1])
        end
        return #ARGV - 1
        """;

    private static readonly RedisKey[] StreamKey = [Stream];

    /// <summary>Appends every event of the batch, or none. Each entry carries the request's trace context so the processor's work joins the request's trace.</summary>
    public async Task AppendAsync(IReadOnlyList<ClickEvent> events)
    {
        var arguments = new RedisValue[events.Count + 1];
        arguments[0] = Activity.Current?.Id ?? string.Empty;
        for (var i = 0; i < events.Count; i++)
        {
            arguments[i + 1] = JsonSerializer.SerializeToUtf8Bytes(events[i], AnalyticsJsonContext.Default.ClickEvent);
        }

        await bus.GetDatabase().ScriptEvaluateAsync(AppendScript, StreamKey, arguments);
    }
}
