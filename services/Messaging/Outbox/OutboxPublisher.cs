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
    /// of <paramref name="actor"/>, and the stream it goes to. The caller inserts it within its transaction (<see cref="Insert"/>).
    /// </summary>
    public (EventEnvelope Envelope, string Stream) Stage<TEvent>(TEvent @event, EventEnvelope? cause, string? actor)
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

        return (envelope, stream);
    }

    /// <summary>One statement that inserts <paramref name="rows"/> in the outbox, their positions in the order given.</summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyList<(EventEnvelope Envelope, string Stream)> rows) => new("""
        INSERT INTO messaging.outbox
            (event_id, stream, event_type, subject, occurred_at, correlation_id, causation_id, actor, trace_parent, trace_state, payload)
        SELECT event_id, stream, event_type, subject, occurred_at, correlation_id, causation_id, actor, trace_parent, trace_state, payload
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[])
            WITH ORDINALITY AS r(event_id, stream, event_type, subject, occurred_at, correlation_id, causation_id, actor, trace_parent, trace_state, payload, n)
        ORDER BY n
        """)
    {
        Parameters =
        {
            new() { Value = rows.Select(row => row.Envelope.EventId).ToArray() },
            new() { Value = rows.Select(row => row.Stream).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.EventType).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.Subject).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.OccurredAt).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.CorrelationId).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.CausationId).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.Actor).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.TraceParent).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.TraceState).ToArray() },
            new() { Value = rows.Select(row => row.Envelope.Payload).ToArray() },
        },
    };
}
