using StackExchange.Redis;

namespace Store.Messaging.Consumers;

/// <summary>
/// XREADGROUP with BLOCK on a connection of its own: StackExchange.Redis multiplexes one connection for every caller,
/// so a blocking read there would stall the whole service's Redis traffic.
/// </summary>
internal sealed class StreamReader(IConnectionMultiplexer connection, string group, string consumer) : IAsyncDisposable
{
    /// <summary>New entries (<c>&gt;</c>) waiting up to <paramref name="block"/>, or this consumer's own pending ones (<c>0</c>).</summary>
    public async Task<IReadOnlyList<(string Stream, StreamEntry Entry)>> ReadAsync(
        IReadOnlyList<string> streams, int count, TimeSpan block, bool ownPending)
    {
        var arguments = new List<object>(7 + (streams.Count * 2)) { "GROUP", group, consumer, "COUNT", count };
        if (!ownPending)
        {
            arguments.Add("BLOCK");
            arguments.Add((long)block.TotalMilliseconds);
        }

        arguments.Add("STREAMS");
        arguments.AddRange(streams);
        arguments.AddRange(streams.Select(_ => ownPending ? "0" : ">"));

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
