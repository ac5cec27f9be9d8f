using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;
using Store.Analytics.Archive;
using Store.Messaging;

namespace Store.Analytics.Live;

/// <summary>
/// Fans aggregate changes out to every server-sent-events client of every replica: the replica that counted a batch
/// publishes on a Redis channel, each replica relays what it hears to its own clients. A slow client loses its oldest
/// updates, never the others' (each update carries absolute totals, so the next one corrects it).
/// </summary>
internal sealed partial class LiveFeed(
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    TopProductsBoard board,
    ILogger<LiveFeed> logger) : IHostedService
{
    private const int ClientBuffer = 256;
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    private static readonly RedisChannel Channel = RedisChannel.Literal("analytics:live");

    private readonly ConcurrentDictionary<Channel<string>, bool> _clients = new();

    /// <summary>Updates the live rankings and tells every client; never throws: the counts are committed already.</summary>
    public async Task PublishAsync(IReadOnlyList<ProductWindow> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        try
        {
            await board.RecordAsync(changed);
            await bus.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new LiveUpdate(changed), AnalyticsJsonContext.Default.LiveUpdate));
        }
        catch (RedisException exception)
        {
            LogPublishFailed(logger, exception);
        }
    }

    /// <summary>
    /// A <c>ready</c> event at once (so that the client, and every proxy between, sees the stream open), then the
    /// updates published from now on as <c>aggregates</c>, with a <c>heartbeat</c> after every 15 s of silence so that
    /// idle connections are not cut; until the client goes away.
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = System.Threading.Channels.Channel.CreateBounded<string>(new BoundedChannelOptions(ClientBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _clients[client] = true;
        try
        {
            yield return new SseItem<string>("{}", "ready");
            while (!cancellationToken.IsCancellationRequested)
            {
                using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                silence.CancelAfter(HeartbeatInterval);
                bool more;
                try
                {
                    more = await client.Reader.WaitToReadAsync(silence.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    more = true;
                }

                if (!more)
                {
                    yield break;
                }

                if (!client.Reader.TryPeek(out _))
                {
                    yield return new SseItem<string>("{}", "heartbeat");
                }

                while (client.Reader.TryRead(out var update))
                {
                    yield return new SseItem<string>(update, "aggregates");
                }
            }
        }
        finally
        {
            _clients.TryRemove(client, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
        => bus.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            var update = message.ToString();
            foreach (var client in _clients.Keys)
            {
                client.Writer.TryWrite(update);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _clients.Keys)
        {
            client.Writer.TryComplete();
        }

        return bus.GetSubscriber().UnsubscribeAsync(Channel);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish live aggregate updates; the next change carries the totals again")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
