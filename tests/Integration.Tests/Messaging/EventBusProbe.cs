using StackExchange.Redis;

namespace Store.Integration.Tests.Messaging;

/// <summary>Looks at the bus's streams the way an operator would, with redis-cli.</summary>
internal sealed class EventBusProbe(IConnectionMultiplexer redis) : IAsyncDisposable
{
    public IDatabase Database => redis.GetDatabase();

    public static async Task<EventBusProbe> ConnectAsync(StoreAppFixture store) => await ConnectAsync(await store.GetConnectionStringAsync("bus"));

    public static async Task<EventBusProbe> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        return new EventBusProbe(await ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>The entry of <paramref name="stream"/> carrying an event of <paramref name="type"/> about <paramref name="subject"/>, once the producer's relay has added it.</summary>
    public Task<StreamEntry> FindAsync(string stream, string type, string subject) =>
        Eventually.UntilAsync(
            async () => (await Database.StreamRangeAsync(stream, messageOrder: Order.Descending, count: 5_000))
                .FirstOrDefault(entry => entry["type"] == type && entry["subject"] == subject),
            // default(StreamEntry).IsNull is false (its Values are null, not empty): an entry not found yet has no id.
            entry => !entry.Id.IsNull,
            $"{type} about {subject} on {stream}");

    /// <summary>Waits until a consumer of <paramref name="group"/> holds <paramref name="entryId"/>: given to it and not yet acknowledged.</summary>
    public Task WaitUntilInHandAsync(string stream, string group, RedisValue entryId) =>
        Eventually.UntilAsync(
            async () => (await Database.StreamPendingMessagesAsync(stream, group, 1, RedisValue.Null, entryId, entryId)).Length,
            held => held == 1,
            $"a consumer of {group} holding {entryId} of {stream}");

    /// <summary>Waits until <paramref name="group"/> has been given <paramref name="entryId"/> and acknowledged it.</summary>
    public Task WaitUntilAcknowledgedAsync(string stream, string group, RedisValue entryId, TimeSpan timeout) =>
        WaitUntilAcknowledgedAsync(stream, group, entryId, entryId, timeout);

    /// <summary>Waits until <paramref name="group"/> has acknowledged every entry <paramref name="stream"/> holds now.</summary>
    public async Task WaitUntilCaughtUpAsync(string stream, string group, TimeSpan timeout) =>
        await WaitUntilAcknowledgedAsync(stream, group, "-", (await Database.StreamInfoAsync(stream)).LastGeneratedId, timeout);

    private Task<bool> WaitUntilAcknowledgedAsync(string stream, string group, RedisValue from, RedisValue to, TimeSpan timeout) =>
        Eventually.UntilAsync(async () =>
            {
                var info = (await Database.StreamGroupInfoAsync(stream)).Single(candidate => candidate.Name == group);
                var pending = await Database.StreamPendingMessagesAsync(stream, group, 1, RedisValue.Null, from, to);
                return Compare(info.LastDeliveredId!, to!) >= 0 && pending.Length == 0;
            },
            acknowledged => acknowledged, $"{group} acknowledging {from}..{to} of {stream}", timeout);

    /// <summary>Appends an event to <paramref name="stream"/> as a producer's relay would: its envelope, a fresh id, the JSON payload.</summary>
    public Task<RedisValue> PublishAsync(string stream, string type, string subject, string payload) =>
        Database.StreamAddAsync(stream, Entry(type, subject, payload));

    /// <summary>
    /// Appends several events to <paramref name="stream"/> in one MULTI/EXEC: a consumer blocked on the stream is woken
    /// once, with all of them, so they are handled as one run.
    /// </summary>
    public async Task<RedisValue[]> PublishTogetherAsync(string stream, IReadOnlyList<(string Type, string Subject, string Payload)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var transaction = Database.CreateTransaction();
        var adds = events.Select(@event => transaction.StreamAddAsync(stream, Entry(@event.Type, @event.Subject, @event.Payload))).ToArray();
        Assert.True(await transaction.ExecuteAsync(), "MULTI/EXEC was refused");
        return await Task.WhenAll(adds);
    }

    public ValueTask DisposeAsync() => redis.DisposeAsync();

    private static NameValueEntry[] Entry(string type, string subject, string payload)
    {
        var eventId = Guid.CreateVersion7().ToString();
        return
        [
            new("event-id", eventId), new("type", type), new("subject", subject),
            new("occurred-at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            new("correlation-id", eventId), new("payload", payload),
        ];
    }

    private static int Compare(string left, string right)
    {
        static (long, long) Parse(string id) => (long.Parse(id.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(id.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture));
        return Parse(left).CompareTo(Parse(right));
    }
}
