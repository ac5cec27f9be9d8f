using StackExchange.Redis;
using Store.Integration.Tests.Messaging;

namespace Store.Integration.Tests.Outages;

/// <summary>
/// Plays the catalog's and payments' consumer groups on the outage app's bus: reads every request ordering publishes
/// and acknowledges it without ever answering. The flow then has no backlog, and every order times out, until a test
/// pauses the reading to build a real one.
/// </summary>
internal sealed class SilentServices : IAsyncDisposable
{
    private const string Requests = "events:ordering";
    private static readonly string[] Groups = ["catalog", "payments"];

    private readonly EventBusProbe _bus;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _reading;
    private volatile bool _paused;

    private SilentServices(EventBusProbe bus)
    {
        _bus = bus;
        _reading = ReadAsync();
    }

    public static async Task<SilentServices> StartAsync(string busConnectionString)
    {
        var bus = await EventBusProbe.ConnectAsync(busConnectionString);
        foreach (var group in Groups)
        {
            try
            {
                await bus.Database.StreamCreateConsumerGroupAsync(Requests, group, "$", createStream: true);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
            }
        }

        return new SilentServices(bus);
    }

    /// <summary>From now on requests stay unread: the queues of the order flow grow.</summary>
    public void Pause() => _paused = true;

    /// <summary>Reads again, and so drains what piled up.</summary>
    public void Resume() => _paused = false;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _reading;
        _stopping.Dispose();
        await _bus.DisposeAsync();
    }

    private async Task ReadAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                foreach (var group in _paused ? [] : Groups)
                {
                    var read = await _bus.Database.StreamReadGroupAsync(Requests, group, "silent", ">", count: 1_000);
                    if (read.Length > 0)
                    {
                        await _bus.Database.StreamAcknowledgeAsync(Requests, group, [.. read.Select(entry => entry.Id)]);
                    }
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // A test stopped the bus: read again once it is back.
            }

            await Task.Delay(50, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
