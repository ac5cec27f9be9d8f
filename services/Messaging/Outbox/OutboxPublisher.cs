using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Store.Messaging.Telemetry;

namespace Store.Messaging.Outbox;

internal sealed class OutboxPublisher(NpgsqlDataSource dataSource, MessagingRegistry registry, TimeProvider clock) : IEventPublisher
{
    /// <summary>The channel the relays of every replica listen on.</summary>
    public const string Channel = "messaging_outbox";

    public Task<OutboxTransaction> BeginAsync(string? actor, CancellationToken cancellationToken) => BeginAsync(cause: null, actor, cancellationToken);

    /// <summary>A transaction whose events are caused by <paramref name="cause"/>, or published on behalf of <paramref name="actor"/>.</summary>
    public async Task<OutboxTransaction> BeginAsync(EventEnvelope? cause, string? actor, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Npgsql sends the BEGIN with the transaction's first batch: it costs no round trip of its own.
            return new OutboxTransaction(connection, await connection.BeginTransactionAsync(cancellationToken), this, cause, actor);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Wakes the relays; sent after a COMMIT, never inside the publishing transaction (see <see cref="OutboxTransaction.CommitAsync"/>).</summary>
    public static NpgsqlBatchCommand WakeRelayCommand() => new($"SELECT pg_notify('{Channel}', '')");

    /// <summary>
    /// The outbox row of <paramref name="event"/>: caused by <paramref name="cause"/>, whose actor it keeps, or on behalf
    /// of <paramref name="actor"/>. The caller sends it within its transaction.
    /// </summary>
    public (EventEnvelope Envelope, NpgsqlBatchCommand Insert) Stage<TEvent>(TEvent @event, EventEnvelope? cause, string? actor)
        where TEvent : IIntegrationEvent<TEvent>
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (!registry.Publishes(TEvent.EventType))
        {
            throw new InvalidOperationException($"{TEvent.EventType} is not declared: call Publishes<{typeof(TEvent).Name}>() in AddMessaging.");
        }

        var stream = StreamNames.ForProducer(TEvent.Producer);
        using var activity = MessagingTelemetry.Source.StartActivity($"{TEvent.EventType} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.operation.type", "create");
        activity?.SetTag("messaging.destination.name", stream);

        var eventId = Guid.CreateVersion7();
        activity?.SetTag("messaging.message.id", eventId.ToString());
        var trace = activity ?? Activity.Current;
        var envelope = new EventEnvelope(
            eventId,
            TEvent.EventType,
            @event.Subject,
            clock.GetUtcNow(),
            cause?.CorrelationId ?? eventId,
            cause?.EventId,
            cause is null ? actor : cause.Actor,
            trace?.Id,
            trace?.TraceStateString,
            JsonSerializer.Serialize(@event, TEvent.JsonTypeInfo));

        var insert = new NpgsqlBatchCommand("""
            INSERT INTO messaging.outbox
                (event_id, stream, event_type, subject, occurred_at, correlation_id, causation_id, actor, trace_parent, trace_state, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """)
        {
            Parameters =
            {
                new() { Value = envelope.EventId },
                new() { Value = stream },
                new() { Value = envelope.EventType },
                new() { Value = envelope.Subject },
                new() { Value = envelope.OccurredAt },
                new() { Value = envelope.CorrelationId },
                new() { Value = (object?)envelope.CausationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid },
                new() { Value = (object?)envelope.Actor ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)envelope.TraceParent ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)envelope.TraceState ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = envelope.Payload },
            },
        };
        return (envelope, insert);
    }
}
