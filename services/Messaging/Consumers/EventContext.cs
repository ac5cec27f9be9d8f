using System.Diagnostics;
using Npgsql;
using Store.Messaging.Outbox;

namespace Store.Messaging.Consumers;

/// <summary>
/// The message being handled and the transaction its inbox record, its effects and the events it causes share. The
/// inbox record is queued first, so it costs no round trip of its own: it travels with the handler's first query.
/// </summary>
public sealed class EventContext : IEventTransaction
{
    private readonly OutboxTransaction _transaction;
    private readonly List<Func<Task>> _committed = [];

    internal EventContext(EventEnvelope envelope, int attempt, OutboxTransaction transaction, Activity? activity = null)
    {
        Envelope = envelope;
        Attempt = attempt;
        _transaction = transaction;
        Span = activity;
    }

    public EventEnvelope Envelope { get; }

    /// <summary>1 on first delivery; counts failed attempts across consumers and restarts.</summary>
    public int Attempt { get; }

    public Task<T> QueryAsync<T>(IReadOnlyList<NpgsqlBatchCommand> commands, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        => _transaction.QueryAsync(commands, read, cancellationToken);

    public void Write(NpgsqlBatchCommand command) => _transaction.Write(command);

    /// <summary>
    /// Publishes an event caused by this one: same correlation and actor, this event as its cause, same transaction,
    /// and this message's trace, also when a run's handler publishes for several messages.
    /// </summary>
    public EventEnvelope Publish<TEvent>(TEvent integrationEvent) where TEvent : IIntegrationEvent<TEvent>
    {
        var current = Activity.Current;
        Activity.Current = Span ?? current;
        try
        {
            return _transaction.Publish(integrationEvent, Envelope);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Sends what is queued and hands over the transaction, for work a batch cannot carry (COPY, savepoints).</summary>
    public Task<NpgsqlTransaction> FlushAsync(CancellationToken cancellationToken) => _transaction.FlushAsync(cancellationToken);

    /// <summary>Runs <paramref name="action"/> once the effects are committed, for work outside the database such as cache eviction.</summary>
    public void OnCommitted(Func<Task> action) => _committed.Add(action);

    internal IReadOnlyList<Func<Task>> CommittedActions => _committed;

    /// <summary>The span of this message's handling when it is handled in a run; otherwise the current span is.</summary>
    internal Activity? Span { get; }
}
