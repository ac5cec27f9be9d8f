using Npgsql;

namespace Store.Messaging.Outbox;

/// <summary>
/// Marks retained events unpublished again, so the relay sends them once more in their original order. Safe to repeat:
/// consumers that handled an event find it in their inbox.
/// </summary>
internal sealed class OutboxReplay(NpgsqlDataSource dataSource)
{
    public async Task<long> RequeueAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var requeue = new NpgsqlCommand("""
            UPDATE messaging.outbox SET published_at = NULL, stream_entry_id = NULL
            WHERE occurred_at >= $1 AND occurred_at < $2 AND published_at IS NOT NULL
            """, connection)
        {
            Parameters = { new() { Value = from }, new() { Value = to } },
        };
        var requeued = await requeue.ExecuteNonQueryAsync(cancellationToken);
        await OutboxPublisher.WakeRelayAsync(connection, cancellationToken);
        return requeued;
    }
}
