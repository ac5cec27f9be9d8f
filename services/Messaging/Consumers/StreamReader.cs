using StackExchange.Redis;

namespace Store.Messaging.Consumers;

/// <summary>
/// XREADGROUP with BLOCK on a connection of its own: StackExchange.Redis multiplexes one connection for every caller,
/// so a blocking read there would stall the whole service's Redis traffic.
/// </summary>
internal sealed class StreamReader(IConnectionMultiplexer connection, string group, string consumer) : IAsyncDisposable
{
    /// <summary>
    /// New entries (<c>&gt;</c>) waiting up to <paramref name="block"/>; or, given <paramref name="ownPendingAfter"/>,
    /// this consumer's own pending entries after those ids, one page at a time.
    /// </summary>
    public async Task<IReadOnlyList<(string Stream, StreamEntry Entry)>> ReadAsync(
        IReadOnlyList<string> streams, int count, TimeSpan block, IReadOnlyDictionary<string, string>? ownPendingAfter)
    {
        var arguments = new List<object>(7 + (streams.Count * 2)) { "GROUP", group, consumer, "COUNT", count };
        if (ownPendingAfter is null)
        {
            arguments.Add("BLOCK");
            arguments.Add((long)block.TotalMilliseconds);
        }

        arguments.Add("STREAMS");
        arguments.AddRange(streams);
        arguments.AddRange(streams.Select(stream => ownPendingAfter?[stream] ?? ">"));

        var reply = await connection.GetDatabase().ExecuteAsync("XREADGROUP", arguments);
        var read = new List<(string, StreamEntry)>();
        if (reply.IsNull)
        {
            return read;
        }

        foreach (var stream in (RedisResult[])reply!)
        {
            var parts = (RedisResult[])stream!;
            var name = parts[0].ToString();
            foreach (var item in (RedisResult[])parts[1]!)
            {
                var entry = (RedisResult[])item!;
                // A pending entry trimmed from the stream comes back with no fields: nothing is left to handle.
                var fields = entry[1].IsNull ? [] : (RedisResult[])entry[1]!;
                var values = new NameValueEntry[fields.Length / 2];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = new NameValueEntry((RedisValue)fields[2 * i], (RedisValue)fields[(2 * i) + 1]);
                }

                read.Add((name, new StreamEntry((RedisValue)entry[0], values)));
            }
        }

        return read;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
