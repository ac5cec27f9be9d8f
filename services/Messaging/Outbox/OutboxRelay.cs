using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using Store.Data;
using Store.Messaging.Telemetry;

namespace Store.Messaging.Outbox;

/// <summary>
/// Moves committed outbox rows to their streams in position order, a batch per round trip (pipelined XADD), then marks
/// them published. One replica relays at a time, the one whose session holds the relay lock, so a producer's events
/// enter the stream in the order they were committed; if it dies, its session ends and another replica takes over
/// within <see cref="MessagingOptions.RelayPollInterval"/>. Woken by NOTIFY; polls only as a safety net.
/// A batch's mark travels with the read of the next batch (after <see cref="MarkDelay"/> at the latest), so the relay
/// costs Postgres one round trip per batch. The marks commit without waiting for the WAL flush (<c>synchronous_commit
/// = off</c>, for the relay's session only): a mark lost in a Postgres crash publishes its events again, which the
/// consumers' inboxes already absorb.
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    DatabaseReadiness database,
    MessagingTelemetry telemetry,
    TimeProvider clock,
    IOptions<MessagingOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // Any fixed number: a session lock, released by Postgres when the leader's connection ends.
    private const long RelayLock = 0x_0B0C_5E1A;

    private static readonly TimeSpan DepthReportInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a published batch may wait for its mark to travel with the next read.</summary>
    private static readonly TimeSpan MarkDelay = TimeSpan.FromMilliseconds(50);

    private readonly MessagingOptions _options = options.Value;
    private int _notified;

    /// <summary>The last batch added to the streams and not yet marked published: the next read marks it.</summary>
    private (long[] Positions, string[] EntryIds)? _unmarked;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        NpgsqlConnection? session = null;
        var leading = false;
        var failures = 0;
        var depthReportedAt = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    session ??= await ListenAsync(stoppingToken);
                    leading = leading || await TryLeadAsync(session, stoppingToken);
                    var relayed = leading ? await RelayBatchAsync(session, stoppingToken) : 0;
                    if (failures > 0)
                    {
                        LogRecovered(logger, failures);
                        failures = 0;
                    }

                    if (relayed < _options.RelayBatchSize)
                    {
                        if (leading && clock.GetElapsedTime(depthReportedAt) >= DepthReportInterval)
                        {
                            await ReportDepthAsync(session, stoppingToken);
                            depthReportedAt = clock.GetTimestamp();
                        }

                        // A notification that arrived while a query ran was consumed by it: then look again at once.
                        // Otherwise the last batch's mark waits for the next read, the next notification's, or for
                        // MarkDelay when none comes: a trickle of events costs one round trip each, not two.
                        if (Interlocked.Exchange(ref _notified, 0) == 0)
                        {
                            await session.WaitAsync(_unmarked is null ? _options.RelayPollInterval : MarkDelay, stoppingToken);
                            Interlocked.Exchange(ref _notified, 0);
                        }
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception)
                {
                    // Nothing is marked published unless every XADD of its batch succeeded: the batch is simply tried again.
                    failures++;
                    if (failures == 1)
                    {
                        LogUnavailable(logger, exception);
                    }

                    // A broken session has lost the lock on the server; a sound one (Redis was the trouble) keeps it.
                    if (session is { State: not System.Data.ConnectionState.Open })
                    {
                        await session.DisposeAsync();
                        session = null;
                        leading = false;
                        // Whoever leads next finds those rows unpublished and publishes them again.
                        _unmarked = null;
                    }

                    await Task.Delay(Backoff.For(failures, _options.RetryDelay, _options.MaxBackoff), stoppingToken)
                        .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await MarkLastBatchAsync(session);
                await ResignAsync(session);
            }
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, _) => Interlocked.Exchange(ref _notified, 1);
        await using var listen = new NpgsqlCommand($"LISTEN {OutboxPublisher.Channel}; SET synchronous_commit = off", connection);
        await listen.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Releases the lock, stops listening and commits durably again before the connection goes back to the pool, which
    /// does not reset sessions (<c>No Reset On Close</c>): otherwise no other replica could take over while the
    /// connection sat idle in the pool, and whoever took it next would commit without waiting for the WAL flush.
    /// </summary>
    private static async Task ResignAsync(NpgsqlConnection session)
    {
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all(); UNLISTEN *; RESET synchronous_commit", session);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its lock with it.
        }

        await session.DisposeAsync();
    }

    private static async Task<bool> TryLeadAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({RelayLock})", session);
        return (bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<int> RelayBatchAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        var rows = await MarkAndReadAsync(session, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        using var activity = MessagingTelemetry.Source.StartActivity("outbox relay", ActivityKind.Producer,
            parentContext: default, links: rows.Select(row => row.Link).Where(link => link.HasValue).Select(link => new ActivityLink(link!.Value)));
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.batch.message_count", rows.Count);

        // One pipelined round trip; the connection keeps the order of the commands.
        var redis = bus.GetDatabase();
        var adds = rows.Select(row => redis.StreamAddAsync(row.Stream, StreamEntryCodec.Encode(row.Envelope))).ToArray();
        var entryIds = await Task.WhenAll(adds);
        _unmarked = ([.. rows.Select(row => row.Position)], [.. entryIds.Select(id => id.ToString())]);

        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            telemetry.PublishLag.Record((now - row.Envelope.OccurredAt).TotalSeconds);
        }

        telemetry.Published.Add(rows.Count);
        return rows.Count;
    }

    /// <summary>Marks the last batch published, if any, and reads the next one, in one round trip.</summary>
    private async Task<List<OutboxRow>> MarkAndReadAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(session);
        if (MarkCommand() is { } mark)
        {
            batch.BatchCommands.Add(mark);
        }

        batch.BatchCommands.Add(new("""
            SELECT position, stream, event_id, event_type, subject, occurred_at, correlation_id, causation_id, actor, trace_parent, trace_state, payload
            FROM messaging.outbox WHERE published_at IS NULL ORDER BY position LIMIT $1
            """)
        {
            Parameters = { new() { Value = _options.RelayBatchSize } },
        });
        var rows = new List<OutboxRow>(_options.RelayBatchSize);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        _unmarked = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0),
                reader.GetString(1),
                new EventEnvelope(
                    reader.GetGuid(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetGuid(6),
                    reader.IsDBNull(7) ? null : reader.GetGuid(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.GetString(11))));
        }

        return rows;
    }

    private NpgsqlBatchCommand? MarkCommand() => _unmarked is var (positions, entryIds)
        // = ANY keeps the plan on the primary key whatever the table's statistics said when the statement was prepared
        // (a join with unnest was planned as a scan of the whole outbox while it was small, and kept).
        ? new("""
            UPDATE messaging.outbox SET published_at = now(), stream_entry_id = ($2::text[])[array_position($1::bigint[], position)]
            WHERE position = ANY($1)
            """)
        {
            Parameters = { new() { Value = positions }, new() { Value = entryIds } },
        }
        : null;

    /// <summary>On the way out, marks what was added last: otherwise the next leader would publish it again.</summary>
    private async Task MarkLastBatchAsync(NpgsqlConnection session)
    {
        if (MarkCommand() is not { } mark)
        {
            return;
        }

        try
        {
            await using var batch = new NpgsqlBatch(session) { BatchCommands = { mark } };
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The session is gone: those events are published again, and the consumers' inboxes absorb them.
        }
    }

    private async Task ReportDepthAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM messaging.outbox WHERE published_at IS NULL", session);
        // The batch published and not yet marked is in Redis already.
        telemetry.ReportOutboxDepth((long)(await count.ExecuteScalarAsync(cancellationToken))! - (_unmarked?.Positions.Length ?? 0));
    }

    private sealed record OutboxRow(long Position, string Stream, EventEnvelope Envelope)
    {
        public ActivityContext? Link => ActivityContext.TryParse(Envelope.TraceParent, Envelope.TraceState, isRemote: true, out var context) ? context : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox relay cannot reach Redis or Postgres; events wait in the outbox and are retried with backoff")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox relay is publishing again after {Failures} failed attempts")]
    private static partial void LogRecovered(ILogger logger, int failures);
}
