using Microsoft.Extensions.Configuration;
using StackExchange.Redis;
using Store.Data;

namespace Store.Messaging.Consumers;

/// <summary>
/// One consumer of a group on some streams: creates the group where it is missing, reads with XREADGROUP BLOCK as much
/// as its handler has room for, takes over entries left idle by dead consumers (XAUTOCLAIM), and after any failure
/// pauses with doubling waits and reads its own unacknowledged entries again before new ones. What an entry means is
/// the <see cref="IConsumerGroupHandler"/>'s business.
/// </summary>
public sealed partial class ConsumerGroupLoop(
    IConnectionMultiplexer bus,
    IConfiguration configuration,
    string group,
    IReadOnlyList<string> streams,
    IConsumerGroupHandler handler,
    ConsumerGroupLoopOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private readonly string _consumer = ConsumerGroupReader.NewConsumerName();
    private volatile bool _failedOffTheLoop;

    /// <summary>
    /// An entry handed over earlier failed after <see cref="IConsumerGroupHandler.HandleAsync"/> returned (its work goes
    /// on elsewhere). It is still pending on this consumer: the loop pauses and reads its pending entries again.
    /// </summary>
    public void ReportFailure() => _failedOffTheLoop = true;

    /// <summary>Reads until <paramref name="stoppingToken"/> fires; what is unacknowledged then is taken over by another consumer.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        await using var reader = await ConsumerGroupReader.ConnectAsync(configuration, group, _consumer);
        LogStarted(logger, _consumer, group, streams);

        var groupsReady = false;
        // While set, the consumer pages through its own unacknowledged entries (after a start or a failure) before new ones.
        Dictionary<string, string>? ownPendingAfter = FromTheStart();
        var failures = 0;
        var nextClaim = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_failedOffTheLoop)
                {
                    _failedOffTheLoop = false;
                    ownPendingAfter = FromTheStart();
                    failures++;
                    await Task.Delay(Backoff.For(failures, options.FirstBackoff, options.MaxBackoff), clock, stoppingToken);
                }

                if (!groupsReady)
                {
                    foreach (var stream in streams)
                    {
                        await ConsumerGroupReader.CreateGroupAsync(bus.GetDatabase(), stream, group);
                    }

                    groupsReady = true;
                }

                if (clock.GetElapsedTime(nextClaim) >= TimeSpan.Zero)
                {
                    await ClaimIdleEntriesAsync(stoppingToken);
                    nextClaim = clock.GetTimestamp() + (long)(options.ClaimIdleAfter.TotalSeconds / 2 * clock.TimestampFrequency);
                }

                var room = handler.Room;
                if (room <= 0)
                {
                    await handler.WaitForRoomAsync(stoppingToken);
                    continue;
                }

                var count = Math.Min(room, options.BatchSize);
                var read = await reader.ReadAsync(streams, count, options.BlockTimeout, ownPendingAfter);
                if (read.Count > 0)
                {
                    await handler.HandleAsync(read, redelivered: ownPendingAfter is not null, stoppingToken);
                }

                if (ownPendingAfter is not null)
                {
                    foreach (var (stream, entry) in read)
                    {
                        ownPendingAfter[stream] = entry.Id.ToString();
                    }

                    // COUNT holds per stream: fewer entries than that in all means every stream's pending list is through.
                    if (read.Count < count)
                    {
                        ownPendingAfter = null;
                    }
                }

                if (!_failedOffTheLoop)
                {
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Redis or Postgres away: whatever was read stays pending on this consumer and is read again from 0.
                if (ConsumerGroupReader.IsMissingGroup(exception))
                {
                    groupsReady = false;
                }

                ownPendingAfter = FromTheStart();
                failures++;
                LogFailed(logger, _consumer, group, failures, exception);
                await Task.Delay(Backoff.For(failures, options.FirstBackoff, options.MaxBackoff), clock, stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private Dictionary<string, string> FromTheStart() => streams.ToDictionary(stream => stream, _ => "0", StringComparer.Ordinal);

    private async Task ClaimIdleEntriesAsync(CancellationToken cancellationToken)
    {
        var database = bus.GetDatabase();
        long pending = 0;
        foreach (var stream in streams)
        {
            RedisValue cursor = "0-0";
            do
            {
                var claimed = await database.StreamAutoClaimAsync(stream, group, _consumer,
                    (long)options.ClaimIdleAfter.TotalMilliseconds, cursor, options.BatchSize);
                if (claimed.ClaimedEntries.Length > 0)
                {
                    LogClaimed(logger, group, claimed.ClaimedEntries.Length, stream);
                    await handler.HandleAsync([.. claimed.ClaimedEntries.Select(entry => (stream, entry))], redelivered: true, cancellationToken);
                }

                // Deleted from the stream while pending: nothing is left to hand over, and nobody else would acknowledge them.
                if (claimed.DeletedIds.Length > 0)
                {
                    await database.StreamAcknowledgeAsync(stream, group, claimed.DeletedIds);
                }

                cursor = claimed.NextStartId;
            }
            while (cursor != "0-0");

            pending += (await database.StreamPendingAsync(stream, group)).PendingMessageCount;
        }

        handler.ReportPending(pending);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} of group {Group} reads {Streams}")]
    private static partial void LogStarted(ILogger logger, string consumer, string group, IReadOnlyList<string> streams);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} of group {Group} could not read or handle its entries ({Failures} in a row); they stay pending and are read again")]
    private static partial void LogFailed(ILogger logger, string consumer, string group, int failures, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {Group} took over {Count} entries of {Stream} left idle by a consumer presumed dead")]
    private static partial void LogClaimed(ILogger logger, string group, int count, string stream);
}
