using Npgsql;

namespace Store.Messaging.Outbox;

/// <summary>
/// A database transaction that may publish events (<see cref="IEventTransaction"/>). Committing sends what is queued,
/// the COMMIT and the relay's wake-up in one round trip; disposing it uncommitted rolls back the state change and its
/// events together.
/// </summary>
public sealed class OutboxTransaction : IEventTransaction, IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly OutboxPublisher _publisher;
    private readonly EventEnvelope? _cause;
    private readonly string? _actor;
    private readonly List<NpgsqlBatchCommand> _queued = [];
    private readonly List<(EventEnvelope Envelope, string Stream)> _staged = [];
    private bool _published;

    internal OutboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxPublisher publisher, EventEnvelope? cause, string? actor)
    {
        _connection = connection;
        _transaction = transaction;
        _publisher = publisher;
        _cause = cause;
        _actor = actor;
    }

    public async Task<T> QueryAsync<T>(IReadOnlyList<NpgsqlBatchCommand> commands, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(read);
        await using var batch = TakeQueued();
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await read(reader, cancellationToken);
    }

    public void Write(NpgsqlBatchCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _queued.Add(command);
    }

    /// <summary>Publishes an event caused by the one being handled (same correlation and actor), or on behalf of the transaction's actor.</summary>
    public EventEnvelope Publish<TEvent>(TEvent integrationEvent) where TEvent : IIntegrationEvent<TEvent>
        => Publish(integrationEvent, _cause);

    /// <summary>Publishes an event caused by <paramref name="cause"/>: a transaction that handles several messages publishes for each.</summary>
    internal EventEnvelope Publish<TEvent>(TEvent integrationEvent, EventEnvelope? cause) where TEvent : IIntegrationEvent<TEvent>
    {
        var (envelope, stream) = _publisher.Stage(integrationEvent, cause, _actor);
        _staged.Add((envelope, stream));
        _published = true;
        return envelope;
    }

    /// <summary>Sends what is queued and hands over the transaction, for work a batch cannot carry (COPY, savepoints).</summary>
    public async Task<NpgsqlTransaction> FlushAsync(CancellationToken cancellationToken)
    {
        if (_queued.Count > 0 || _staged.Count > 0)
        {
            await using var batch = TakeQueued();
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return _transaction;
    }

    /// <summary>
    /// Commits in one round trip. The relay's NOTIFY follows the COMMIT in the same batch but in a transaction of its
    /// own: inside the publishing transaction it would hold Postgres's notification lock through the commit's WAL
    /// flush, and every publishing transaction of the cluster would commit one at a time.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await using var batch = TakeQueued();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        var wake = _published ? OutboxPublisher.WakeRelayCommand() : null;
        if (wake is not null)
        {
            batch.BatchCommands.Add(wake);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (wake is not null && exception.BatchCommand == wake)
        {
            // Committed; the relay's poll finds the events within RelayPollInterval.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // After the COMMIT above Npgsql knows the transaction has ended; otherwise this rolls it back.
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>What is queued, then the events published since the last round trip, all in one outbox statement.</summary>
    private NpgsqlBatch TakeQueued()
    {
        var batch = new NpgsqlBatch(_connection, _transaction);
        foreach (var command in _queued)
        {
            batch.BatchCommands.Add(command);
        }

        if (_staged.Count > 0)
        {
            batch.BatchCommands.Add(OutboxPublisher.Insert(_staged));
        }

        _queued.Clear();
        _staged.Clear();
        return batch;
    }
}
