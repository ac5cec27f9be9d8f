using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Store.Messaging.Telemetry;

namespace Store.Messaging.Outbox;

internal sealed class OutboxPublisher(MessagingRegistry registry, TimeProvider clock) : IEventPublisher
{
    /// <summary>The channel the relay listens on; Postgres delivers the notification when the transaction commits.</summary>
    public const string Channel = "messaging_outbox";

    public Task<EventEnvelope> PublishAsync<TEvent>(TEvent integrationEvent, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent<TEvent>
        => PublishAsync(integrationEvent, transaction, cause: null, cancellationToken);

    public async Task<EventEnvelope> PublishAsync<TEvent>(TEvent @event, NpgsqlTransaction transaction, EventEnvelope? cause, CancellationToken cancellationToken)
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
            trace?.Id,
            trace?.TraceStateString,
            JsonSerializer.Serialize(@event, TEvent.JsonTypeInfo));

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO messaging.outbox
                        (event_id, stream, event_type, subject, occurred_at, correlation_id, causation_id, trace_parent, trace_state, payload)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
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
                        new() { Value = (object?)envelope.CausationId ?? DBNull.Value },
                        new() { Value = (object?)envelope.TraceParent ?? DBNull.Value },
                        new() { Value = (object?)envelope.TraceState ?? DBNull.Value },
                        new() { Value = envelope.Payload },
                    },
                },
                new($"SELECT pg_notify('{Channel}', '')"),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return envelope;
    }
}
