using Npgsql;

namespace Store.Analytics.Archive;

/// <summary>
/// Recomputes every window of a time range from the archive: what the processor counted incrementally, counted again
/// in one pass. The windows are deleted and rebuilt in one transaction that excludes the processor's batches.
/// </summary>
internal sealed class AggregateRebuild(NpgsqlDataSource dataSource)
{
    /// <summary>The visitor's funnel stage for each kind of event, as bits: 1 viewed, 2 added to cart, 4 purchased.</summary>
    private const string StageOfKind = "CASE kind WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 4 THEN 4 ELSE 0 END";

    /// <summary>Per product and minute: views count events, carts and purchases count units.</summary>
    private const string ProductTotals = """
        date_trunc('minute', occurred_at), product_id,
        count(*) FILTER (WHERE kind = 1),
        coalesce(sum(quantity) FILTER (WHERE kind = 2), 0),
        coalesce(sum(quantity) FILTER (WHERE kind = 4), 0)
        """;

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
                    SELECT date_trunc('minute', occurred_at), visitor, bit_or({StageOfKind})::smallint
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
            SELECT {ProductTotals}
            FROM raw_events WHERE occurred_at >= $1 AND occurred_at < $2 AND product_id IS NOT NULL
            GROUP BY 1, 2
            RETURNING window_start, product_id, views, carts, purchases
            """, connection, transaction)
        {
            Parameters = { new() { Value = from }, new() { Value = to } },
        };
        IReadOnlyList<ProductWindow> windows;
        await using (var reader = await recount.ExecuteReaderAsync(cancellationToken))
        {
            windows = await ProductWindow.ReadAllAsync(reader, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RebuildResult(events, windows);
    }
}
