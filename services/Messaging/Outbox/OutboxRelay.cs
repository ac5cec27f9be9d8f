using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using Store.Data;
using Store.Messaging.Telemetry;

namespace Store.Messaging.Outbox;

/// <summary>
/// Moves committed outbox rows to their streams in position order, a batch per round trip (pipelined XADD), and marks
/// them published in the same database transaction that holds the relay lock. Woken by NOTIFY; polls only as a safety
/// net. One replica relays at a time, so a producer's events enter the stream in the order they were committed.
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
    // Any fixed number: taken per transaction, so a crashed relay never holds it.
    private const long RelayLock = 0x_0B0C_5E1A;

    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        NpgsqlConnection? listener = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    listener ??= await ListenAsync(stoppingToken);
                    var relayed = await RelayBatchAsync(stoppingToken);
                    if (failures > 0)
                    {
                        LogRecovered(logger, failures);
                    }

                    failures = 0;
                    if (relayed < _options.RelayBatchSize)
                    {
                        await ReportDepthAsync(stoppingToken);
                        await listener.WaitAsync(_options.RelayPollInterval, stoppingToken);
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

                    if (listener is { State: not System.Data.ConnectionState.Open })
                    {
                        await listener.DisposeAsync();
                        listener = null;
                    }

                    await Task.Delay(Backoff.For(failures, _options.RetryDelay, _options.MaxBackoff), stoppingToken)
                        .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var listen = new NpgsqlCommand($"LISTEN {OutboxPublisher.Channel}", connection);
        await listen.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({RelayLock})", connection, transaction))
        {
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0; // Another replica is relaying; its NOTIFY wakes us when there is more.
            }
        }

        var rows = await ReadUnpublishedAsync(connection, transaction, cancellationToken);
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

        await using (var mark = new NpgsqlCommand("""
            UPDATE messaging.outbox o SET published_at = now(), stream_entry_id = u.entry_id
            FROM unnest($1::bigint[], $2::text[]) AS u(position, entry_id)
            WHERE o.position = u.position
            """, connection, transaction))
        {
            mark.Parameters.Add(new() { Value = rows.Select(row => row.Position).ToArray() });
            mark.Parameters.Add(new() { Value = entryIds.Select(id => id.ToString()).ToArray() });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            telemetry.PublishLag.Record((now - row.Envelope.OccurredAt).TotalSeconds);
        }

        telemetry.Published.Add(rows.Count);
        return rows.Count;
    }

    private async Task<List<OutboxRow>> ReadUnpublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("""
            SELECT position, stream, event_id, event_type, subject, occurred_at, correlation_id, causation_id, trace_parent, trace_state, payload
            FROM messaging.outbox WHERE published_at IS NULL ORDER BY position LIMIT $1
            """, connection, transaction);
        query.Parameters.Add(new() { Value = _options.RelayBatchSize });
        var rows = new List<OutboxRow>(_options.RelayBatchSize);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
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
                    reader.GetString(10))));
        }

        return rows;
    }

    private async Task ReportDepthAsync(CancellationToken cancellationToken)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM messaging.outbox WHERE published_at IS NULL");
        telemetry.ReportOutboxDepth((long)(await count.ExecuteScalarAsync(cancellationToken))!);
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
