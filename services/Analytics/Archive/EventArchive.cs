using Npgsql;
using NpgsqlTypes;

namespace Store.Analytics.Archive;

/// <summary>
/// Archives events and counts them, in one transaction: a batch is copied (binary COPY) into staging, merged into the
/// archive without the events it already holds, and only the newly archived ones are added to the windows. A
/// redelivered entry or a retried batch finds its events archived and counts nothing.
/// </summary>
internal sealed class EventArchive(NpgsqlDataSource dataSource, ArchivePartitions partitions)
{
    /// <summary>The visitor's funnel stage for each kind of event, as bits: 1 viewed, 2 added to cart, 4 purchased.</summary>
    public const string StageOfKind = "CASE kind WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 4 THEN 4 ELSE 0 END";

    /// <summary>Per product and minute: views count events, carts and purchases count units.</summary>
    public const string ProductTotals = """
        date_trunc('minute', occurred_at), product_id,
        count(*) FILTER (WHERE kind = 1),
        coalesce(sum(quantity) FILTER (WHERE kind = 2), 0),
        coalesce(sum(quantity) FILTER (WHERE kind = 4), 0)
        """;

    public async Task<IReadOnlyList<ProductWindow>> AppendAsync(IReadOnlyList<ArchivedEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await AppendAsync(transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>Appends within the caller's transaction; returns the product windows it changed, with their new totals.</summary>
    public async Task<IReadOnlyList<ProductWindow>> AppendAsync(NpgsqlTransaction transaction, IReadOnlyList<ArchivedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await partitions.EnsureAsync(events.Select(@event => @event.OccurredAt), cancellationToken);
        await AggregateLock.ShareAsync(transaction, cancellationToken);
        var connection = transaction.Connection!;
        var batch = Guid.CreateVersion7();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY raw_events_staging (batch_id, event_id, occurred_at, kind, session_id, user_id, visitor, product_id, quantity, search_query, properties)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var @event in events)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(batch, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(@event.EventId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(@event.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync((short)@event.Kind, NpgsqlDbType.Smallint, cancellationToken);
                await copy.WriteAsync(@event.SessionId, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, @event.UserId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(@event.Visitor, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, @event.ProductId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(@event.Quantity, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(copy, @event.SearchQuery, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, @event.Properties, NpgsqlDbType.Jsonb, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // Rows are upserted in key order so that concurrent batches lock shared windows in the same order.
        await using var merge = new NpgsqlCommand($"""
            WITH fresh AS (
                INSERT INTO raw_events (event_id, occurred_at, kind, session_id, user_id, visitor, product_id, quantity, search_query, properties)
                SELECT event_id, occurred_at, kind, session_id, user_id, visitor, product_id, quantity, search_query, properties
                FROM raw_events_staging WHERE batch_id = $1
                ON CONFLICT DO NOTHING
                RETURNING occurred_at, kind, visitor, product_id, quantity),
            cleared AS (
                DELETE FROM raw_events_staging WHERE batch_id = $1),
            visitors AS (
                INSERT INTO visitor_minutes AS v (window_start, visitor, stages)
                SELECT date_trunc('minute', occurred_at), visitor, bit_or({StageOfKind})::smallint
                FROM fresh WHERE kind <> 3 GROUP BY 1, 2 ORDER BY 1, 2
                ON CONFLICT (window_start, visitor) DO UPDATE SET stages = v.stages | excluded.stages
                WHERE v.stages | excluded.stages <> v.stages)
            INSERT INTO product_minutes AS m (window_start, product_id, views, carts, purchases)
            SELECT {ProductTotals}
            FROM fresh WHERE product_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (window_start, product_id) DO UPDATE
            SET views = m.views + excluded.views, carts = m.carts + excluded.carts, purchases = m.purchases + excluded.purchases
            RETURNING window_start, product_id, views, carts, purchases
            """, connection, transaction);
        merge.Parameters.Add(new() { Value = batch });
        return await ReadWindowsAsync(merge, cancellationToken);
    }

    public static async Task<IReadOnlyList<ProductWindow>> ReadWindowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var windows = new List<ProductWindow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            windows.Add(new ProductWindow(reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return windows;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        => value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
