using Npgsql;

namespace Store.Analytics.Archive;

/// <summary>
/// Recomputes every window of a time range from the archive: what the processor counted incrementally, counted again
/// in one pass. The windows are deleted and rebuilt in one transaction that excludes the processor's batches.
/// </summary>
internal sealed class AggregateRebuild(NpgsqlDataSource dataSource)
{
    public async Task<RebuildResult> RebuildAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AggregateLock.ExcludeAsync(transaction, cancellationToken);

        await using (var clear = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("DELETE FROM product_minutes WHERE window_start >= $1 AND window_start < $2") { Parameters = { new() { Value = from }, new() { Value = to } } },
                new("DELETE FROM visitor_minutes WHERE window_start >= $1 AND window_start < $2") { Parameters = { new() { Value = from }, new() { Value = to } } },
                new($"""
                    INSERT INTO visitor_minutes (window_start, visitor, stages)
                    SELECT date_trunc('minute', occurred_at), visitor, bit_or({EventArchive.StageOfKind})::smallint
                    FROM raw_events WHERE occurred_at >= $1 AND occurred_at < $2 AND kind <> 3
                    GROUP BY 1, 2
                    """) { Parameters = { new() { Value = from }, new() { Value = to } } },
            },
        })
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM raw_events WHERE occurred_at >= $1 AND occurred_at < $2", connection, transaction)
        {
            Parameters = { new() { Value = from }, new() { Value = to } },
        };
        var events = (long)(await count.ExecuteScalarAsync(cancellationToken))!;

        await using var recount = new NpgsqlCommand($"""
            INSERT INTO product_minutes (window_start, product_id, views, carts, purchases)
            SELECT {EventArchive.ProductTotals}
            FROM raw_events WHERE occurred_at >= $1 AND occurred_at < $2 AND product_id IS NOT NULL
            GROUP BY 1, 2
            RETURNING window_start, product_id, views, carts, purchases
            """, connection, transaction)
        {
            Parameters = { new() { Value = from }, new() { Value = to } },
        };
        var windows = await EventArchive.ReadWindowsAsync(recount, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RebuildResult(events, windows);
    }
}
