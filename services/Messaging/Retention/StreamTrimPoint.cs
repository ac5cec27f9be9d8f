using StackExchange.Redis;

namespace Store.Messaging.Retention;

/// <summary>
/// Where a stream may be trimmed (XTRIM MINID): before the retention cutoff, and never past an entry some group has
/// not acknowledged or not yet been given.
/// </summary>
public static class StreamTrimPoint
{
    /// <param name="groups">Per group, the oldest pending entry (if any) and the last entry delivered to it.</param>
    internal static string Compute(DateTimeOffset cutoff, IEnumerable<(string? OldestPending, string LastDelivered)> groups)
    {
        var point = new StreamId(cutoff.ToUnixTimeMilliseconds(), 0);
        foreach (var (oldestPending, lastDelivered) in groups)
        {
            var keepFrom = StreamId.Parse(KeepFrom(oldestPending, lastDelivered));
            if (keepFrom < point)
            {
                point = keepFrom;
            }
        }

        return point.ToString();
    }

    /// <summary>
    /// The first entry a group still needs: its oldest pending one, or else the one after the last delivered to it
    /// (an id that may not exist yet).
    /// </summary>
    public static string KeepFrom(string? oldestPending, string lastDelivered)
        => oldestPending ?? StreamId.Parse(lastDelivered).Next().ToString();

    /// <summary>
    /// The group's oldest unacknowledged entry, or null. Its consumers may acknowledge everything between XINFO and
    /// XPENDING: then there is none, and the group's last-delivered id (read before) stays the safe bound.
    /// </summary>
    public static async Task<string?> OldestPendingAsync(IDatabase redis, string stream, StreamGroupInfo group)
    {
        ArgumentNullException.ThrowIfNull(redis);
        if (group.PendingMessageCount == 0)
        {
            return null;
        }

        var pending = await redis.StreamPendingAsync(stream, group.Name);
        return pending.PendingMessageCount == 0 || pending.LowestPendingMessageId.IsNullOrEmpty ? null : pending.LowestPendingMessageId.ToString();
    }

    /// <summary>Deletes the entries older than <paramref name="cutoff"/> that no group of the stream needs any more.</summary>
    public static async Task<long> TrimAsync(IDatabase redis, string stream, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var groups = await redis.StreamGroupInfoAsync(stream);
        var positions = new List<(string?, string)>(groups.Length);
        foreach (var group in groups)
        {
            positions.Add((await OldestPendingAsync(redis, stream, group), group.LastDeliveredId ?? "0-0"));
        }

        return await redis.StreamTrimByMinIdAsync(stream, Compute(cutoff, positions), useApproximateMaxLength: false);
    }

    internal readonly record struct StreamId(long Milliseconds, long Sequence) : IComparable<StreamId>
    {
        public static StreamId Parse(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            return dash < 0
                ? new StreamId(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 0)
                : new StreamId(
                    long.Parse(id.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture),
                    long.Parse(id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
        }

        public StreamId Next() => Sequence == long.MaxValue ? new StreamId(Milliseconds + 1, 0) : this with { Sequence = Sequence + 1 };

        public int CompareTo(StreamId other) => Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

        public static bool operator <(StreamId left, StreamId right) => left.CompareTo(right) < 0;

        public static bool operator >(StreamId left, StreamId right) => left.CompareTo(right) > 0;

        public static bool operator <=(StreamId left, StreamId right) => left.CompareTo(right) <= 0;

        public static bool operator >=(StreamId left, StreamId right) => left.CompareTo(right) >= 0;

        public override string ToString() => $"{Milliseconds}-{Sequence}";
    }
}
