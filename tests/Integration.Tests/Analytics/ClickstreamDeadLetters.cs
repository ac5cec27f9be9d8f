using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Store.Integration.Tests.Analytics;

/// <summary>Analytics' dead letters, which hold the clickstream's as well as the bus's.</summary>
internal static class ClickstreamDeadLetters
{
    public const string Stream = "events:dead-letter:analytics";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A valid click event as a processor that could not read it once (an older version, a bug since fixed) would have
    /// left it; returns its dead-letter id.
    /// </summary>
    public static async Task<string> AddAsync(IDatabase bus, ClickEventBody click) =>
        (await bus.StreamAddAsync(Stream,
        [
            new NameValueEntry("event", JsonSerializer.Serialize(click, Web)),
            new NameValueEntry("traceparent", ""),
            new NameValueEntry("dead-letter.stream", "clickstream"),
            new NameValueEntry("dead-letter.entry-id", "1-0"),
            new NameValueEntry("dead-letter.attempts", "0"),
            new NameValueEntry("dead-letter.error", "The entry is not a click event."),
            new NameValueEntry("dead-letter.at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
        ])).ToString();
}
