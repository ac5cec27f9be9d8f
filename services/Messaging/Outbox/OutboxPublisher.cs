using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Store.Messaging.Telemetry;

namespace Store.Messaging.Outbox;

internal sealed class OutboxPublisher(NpgsqlDataSource dataSource, MessagingRegistry registry, TimeProvider clock) : IEventPublisher
{
    /// <summary>The channel the relays of every replica listen on.</summary>
    public const string Channel = "messaging_outbox";

    public async Task<OutboxTransaction> BeginAsync(string? actor, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new OutboxTransaction(connection, await connection.BeginTransactionAsync(cancellationToken), actor, this);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Wakes the relays once the events are committed. The NOTIFY runs in a transaction of its own, after the commit:
    /// inside the publishing transaction it would take Postgres's notification lock through the commit's WAL flush,
    /// and every publishing transaction of the cluster would commit one at a time.
    /// </summary>
    public static async Task WakeRelayAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', '')", connection);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException)
        {
            // The events are committed either way; the relay's poll finds them within RelayPollInterval.
        }
    }

    /// <summary>Writes <paramref name="event"/> to the outbox: caused by <paramref name="cause"/>, whose actor it keeps, or on behalf of <paramref name="actor"/>.</summary>
    public async Task<EventEnvelope> PublishAsync<TEvent>(TEvent @event, NpgsqlTransaction transaction, EventEnvelope? cause, string? actor, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent<TEvent>
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(transaction);
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

        await using var insert = new NpgsqlCommand("""
            INSERT INTO messaging.outbox
                (event_id, stream, event_type, subject, occurred_at, correlation_id, causation_id, actor, trace_parent, trace_state, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                new() { Value = envelope.EventId },
                new() { Value = stream },
                new() { Value = envelope.EventType },
                new() { Value = envelope.Subject },
                new() { Value = envelope.OccurredAt },
                new() { Value = envelope.CorrelationId },
                new() { Value = (object?)envelope.CausationId ?? DBNull.Value },
                new() { Value = (object?)envelope.Actor ?? DBNull.Value },
                new() { Value = (object?)envelope.TraceParent ?? DBNull.Value },
                new() { Value = (object?)envelope.TraceState ?? DBNull.Value },
                new() { Value = envelope.Payload },
            },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return envelope;
    }
}
