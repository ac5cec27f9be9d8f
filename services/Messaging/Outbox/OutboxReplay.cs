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
        await using var batch = dataSource.CreateBatch();
        var requeue = new NpgsqlBatchCommand("""
            UPDATE messaging.outbox SET published_at = NULL, stream_entry_id = NULL
            WHERE occurred_at >= $1 AND occurred_at < $2 AND published_at IS NOT NULL
            """)
        {
            Parameters = { new() { Value = from }, new() { Value = to } },
        };
        // One round trip; the NOTIFY follows the COMMIT, outside the transaction (see OutboxTransaction.CommitAsync).
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(requeue);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        batch.BatchCommands.Add(OutboxPublisher.WakeRelayCommand());
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return requeue.RecordsAffected;
    }
}
