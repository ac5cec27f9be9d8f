using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Store.Messaging.Consumers;

/// <summary>
/// XREADGROUP with BLOCK on a connection of its own: StackExchange.Redis multiplexes one connection for every caller,
/// so a blocking read there would stall the whole service's Redis traffic.
/// </summary>
public sealed class ConsumerGroupReader : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly string _group;
    private readonly string _consumer;

    private ConsumerGroupReader(IConnectionMultiplexer connection, string group, string consumer)
    {
        _connection = connection;
        _group = group;
        _consumer = consumer;
    }

    /// <summary>A consumer name unique to this process and start: a restarted process never mistakes another's entries for its own.</summary>
    public static string NewConsumerName() => $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24];

    /// <summary>
    /// Creates <paramref name="group"/> on <paramref name="stream"/> (and the stream) unless it exists, reading from the
    /// start of what the stream retains: a group added later catches up on retained history.
    /// </summary>
    public static async Task CreateGroupAsync(IDatabase redis, string stream, string group)
    {
        ArgumentNullException.ThrowIfNull(redis);
        try
        {
            await redis.StreamCreateConsumerGroupAsync(stream, group, "0", createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>The group is gone (the stream was deleted or Redis restarted empty): create it again before reading.</summary>
    public static bool IsMissingGroup(Exception exception) =>
        exception is RedisServerException { Message: var message } && message.StartsWith("NOGROUP", StringComparison.Ordinal);

    /// <summary>Opens the reader's own connection to the bus named in the service's connection strings.</summary>
    public static async Task<ConsumerGroupReader> ConnectAsync(IConfiguration configuration, string group, string consumer)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(MessagingServiceCollectionExtensions.BusConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MessagingServiceCollectionExtensions.BusConnectionName} is missing.");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.Protocol = RedisProtocol.Resp2; // The reply is parsed as XREADGROUP's RESP2 array.
        return new ConsumerGroupReader(await ConnectionMultiplexer.ConnectAsync(options), group, consumer);
    }

    /// <summary>
    /// New entries (<c>&gt;</c>) waiting up to <paramref name="block"/>; or, given <paramref name="ownPendingAfter"/>,
    /// this consumer's own pending entries after those ids, one page at a time.
    /// </summary>
    public async Task<IReadOnlyList<(string Stream, StreamEntry Entry)>> ReadAsync(
        IReadOnlyList<string> streams, int count, TimeSpan block, IReadOnlyDictionary<string, string>? ownPendingAfter)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var arguments = new List<object>(7 + (streams.Count * 2)) { "GROUP", _group, _consumer, "COUNT", count };
        if (ownPendingAfter is null)
        {
            arguments.Add("BLOCK");
            arguments.Add((long)block.TotalMilliseconds);
        }

        arguments.Add("STREAMS");
        arguments.AddRange(streams);
        arguments.AddRange(streams.Select(stream => ownPendingAfter?[stream] ?? ">"));

        var reply = await _connection.GetDatabase().ExecuteAsync("XREADGROUP", arguments);
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

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
