using StackExchange.Redis;
using Store.Messaging.Retention;

namespace Store.Messaging.Consumers;

/// <summary>
/// How far a consumer group is behind on a stream: entries it was given and has not acknowledged yet (in hand, or left
/// by a dead consumer until taken over), entries not given to it yet (its queue), and how long the oldest of each has
/// waited. Ages come from the entry ids, which are the times Redis appended them.
/// </summary>
public sealed record ConsumerGroupBacklog(long Pending, long Undelivered, TimeSpan OldestPendingAge, TimeSpan OldestUndeliveredAge)
{
    public static readonly ConsumerGroupBacklog None = new(0, 0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Entries the group has not finished with.</summary>
    public long Entries => Pending + Undelivered;

    /// <summary>How long the oldest entry the group has not finished with has waited.</summary>
    public TimeSpan OldestAge => OldestPendingAge > OldestUndeliveredAge ? OldestPendingAge : OldestUndeliveredAge;

    /// <summary>Four or five commands: what XINFO GROUPS, XPENDING and XRANGE say about <paramref name="group"/> on <paramref name="stream"/> now.</summary>
    public static async Task<ConsumerGroupBacklog> MeasureAsync(IDatabase redis, string stream, string group, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(redis);
        if (!await redis.KeyExistsAsync(stream))
        {
            return None;
        }

        var info = (await redis.StreamGroupInfoAsync(stream)).FirstOrDefault(candidate => candidate.Name == group);
        if (info.Name is null)
        {
            // No consumer of the group has started yet: everything in the stream waits for it.
            var first = await redis.StreamRangeAsync(stream, "-", "+", 1);
            return first.Length == 0 ? None : new(0, await redis.StreamLengthAsync(stream), TimeSpan.Zero, AgeOf(first[0].Id!, now));
        }

        var oldestPending = await StreamTrimPoint.OldestPendingAsync(redis, stream, info);
        var next = await redis.StreamRangeAsync(stream, StreamTrimPoint.KeepFrom(null, info.LastDeliveredId ?? "0-0"), "+", 1);
        var undelivered = next.Length == 0 ? 0 : info.Lag ?? await redis.StreamLengthAsync(stream);
        return new(info.PendingMessageCount, undelivered,
            oldestPending is null ? TimeSpan.Zero : AgeOf(oldestPending, now),
            next.Length == 0 ? TimeSpan.Zero : AgeOf(next[0].Id!, now));
    }

    private static TimeSpan AgeOf(string entryId, DateTimeOffset now)
    {
        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(StreamTrimPoint.StreamId.Parse(entryId).Milliseconds);
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }
}
