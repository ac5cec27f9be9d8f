using Npgsql;
using Store.Messaging.Outbox;

namespace Store.Messaging.Consumers;

/// <summary>The message being handled and the transaction its effects, its inbox record and its new events share.</summary>
public sealed class EventContext
{
    private readonly OutboxPublisher _publisher;
    private readonly List<Func<Task>> _committed = [];

    internal EventContext(EventEnvelope envelope, int attempt, NpgsqlTransaction transaction, OutboxPublisher publisher)
    {
        Envelope = envelope;
        Attempt = attempt;
        Transaction = transaction;
        _publisher = publisher;
    }

    public EventEnvelope Envelope { get; }

    /// <summary>1 on first delivery; counts failed attempts across consumers and restarts.</summary>
    public int Attempt { get; }

    public NpgsqlTransaction Transaction { get; }

    public NpgsqlConnection Connection => Transaction.Connection!;

    /// <summary>Publishes an event caused by this one: same correlation and actor, this event as its cause, same transaction.</summary>
    public Task<EventEnvelope> PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent<TEvent>
    {
        Published = true;
        return _publisher.PublishAsync(integrationEvent, Transaction, Envelope, actor: null, cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> once the effects are committed, for work outside the database such as cache eviction.</summary>
    public void OnCommitted(Func<Task> action) => _committed.Add(action);

    internal IReadOnlyList<Func<Task>> CommittedActions => _committed;

    internal bool Published { get; private set; }
}
