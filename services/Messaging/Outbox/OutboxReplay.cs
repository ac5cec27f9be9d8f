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
        batch.BatchCommands.Add(new("""
            UPDATE messaging.outbox SET published_at = NULL, stream_entry_id = NULL
            WHERE occurred_at >= $1 AND occurred_at < $2 AND published_at IS NOT NULL
            """)
        {
            Parameters = { new() { Value = from }, new() { Value = to } },
        });
        batch.BatchCommands.Add(new($"SELECT pg_notify('{OutboxPublisher.Channel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[0].RecordsAffected;
    }
}
