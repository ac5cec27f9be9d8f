using Npgsql;

namespace Store.Messaging.Outbox;

/// <summary>
/// A database transaction that may publish events. Committing it wakes the relay; disposing it uncommitted rolls
/// back the state change and its events together.
/// </summary>
public sealed class OutboxTransaction : IAsyncDisposable
{
    private readonly OutboxPublisher _publisher;
    private readonly string? _actor;
    private bool _published;

    internal OutboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, string? actor, OutboxPublisher publisher)
    {
        Connection = connection;
        Transaction = transaction;
        _actor = actor;
        _publisher = publisher;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public async Task<EventEnvelope> PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent<TEvent>
    {
        var envelope = await _publisher.PublishAsync(integrationEvent, Transaction, cause: null, _actor, cancellationToken);
        _published = true;
        return envelope;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        if (_published)
        {
            await OutboxPublisher.WakeRelayAsync(Connection, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
