using Npgsql;

namespace Store.Messaging.Outbox;

/// <summary>
/// One database transaction whose writes and published events commit together. Writes and events are queued and
/// travel with the next query or with the commit, so a step that reads once and then writes costs two round trips:
/// [BEGIN, queued writes, its reads] and [its writes, its outbox rows, COMMIT].
/// </summary>
public interface IEventTransaction
{
    /// <summary>
    /// Sends the queued writes and then <paramref name="commands"/> in one round trip; <paramref name="read"/> reads the
    /// result sets of the commands that return rows, in order.
    /// </summary>
    Task<T> QueryAsync<T>(IReadOnlyList<NpgsqlBatchCommand> commands, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>Queues a write; it reaches Postgres with the next query or the commit, in the order queued.</summary>
    void Write(NpgsqlBatchCommand command);

    /// <summary>Queues <paramref name="integrationEvent"/>'s outbox row: it is published if and only if the transaction commits.</summary>
    EventEnvelope Publish<TEvent>(TEvent integrationEvent) where TEvent : IIntegrationEvent<TEvent>;
}
