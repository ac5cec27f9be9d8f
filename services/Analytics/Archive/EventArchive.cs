using Npgsql;
using NpgsqlTypes;

namespace Store.Analytics.Archive;

/// <summary>
/// Archives events and counts them, in one transaction. A batch is copied (binary COPY) straight into the archive; if
/// the archive already holds one of its events (a redelivered entry, a retried batch), the copy is undone and the
/// batch goes through staging instead, merged without the events already there. Only newly archived events are
/// added to the windows, so whatever is delivered twice is counted once.
/// </summary>
internal sealed class EventArchive(NpgsqlDataSource dataSource, ArchivePartitions partitions)
{
    private const string Columns = "event_id, occurred_at, kind, session_id, user_id, visitor, product_id, quantity, search_query, properties";

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
        ArgumentNullException.ThrowIfNull(events);
        await partitions.EnsureAsync(events.Select(@event => @event.OccurredAt), cancellationToken);
        await AggregateLock.ShareAsync(transaction, cancellationToken);
        await transaction.SaveAsync("archive", cancellationToken);
        IReadOnlyList<ArchivedEvent> archived;
        try
        {
            await CopyAsync(transaction.Connection!, "raw_events", events, batch: null, cancellationToken);
            archived = events;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("archive", cancellationToken);
            archived = await MergeAsync(transaction, events, cancellationToken);
        }

        return await CountAsync(transaction, WindowCounts.Of(archived), cancellationToken);
    }

    /// <summary>The slow path: through staging, keeping only the events the archive does not hold yet.</summary>
    private static async Task<IReadOnlyList<ArchivedEvent>> MergeAsync(NpgsqlTransaction transaction, IReadOnlyList<ArchivedEvent> events, CancellationToken cancellationToken)
    {
        var batch = Guid.CreateVersion7();
        var unique = events.DistinctBy(@event => (@event.EventId, @event.OccurredAt)).ToList();
        await CopyAsync(transaction.Connection!, "raw_events_staging", unique, batch, cancellationToken);
        await using var merge = new NpgsqlCommand($"""
            WITH fresh AS (
                INSERT INTO raw_events ({Columns})
                SELECT {Columns} FROM raw_events_staging WHERE batch_id = $1
                ON CONFLICT DO NOTHING
                RETURNING event_id, occurred_at),
            cleared AS (
                DELETE FROM raw_events_staging WHERE batch_id = $1)
            SELECT event_id, occurred_at FROM fresh
            """, transaction.Connection, transaction);
        merge.Parameters.Add(new() { Value = batch });
        var fresh = new HashSet<(Guid, DateTimeOffset)>();
        await using (var reader = await merge.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                fresh.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        return unique.Where(@event => fresh.Contains((@event.EventId, @event.OccurredAt))).ToList();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<ArchivedEvent> events, Guid? batch, CancellationToken cancellationToken)
    {
        var columns = batch is null ? Columns : $"batch_id, {Columns}";
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var @event in events)
        {
            await copy.StartRowAsync(cancellationToken);
            if (batch is { } id)
            {
                await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
            }

            await copy.WriteAsync(@event.EventId, NpgsqlDbType.Uuid, cancellationToken);
            // Npgsql writes timestamptz from UTC values only; clients may send any offset.
            await copy.WriteAsync(@event.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
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

    /// <summary>
    /// Adds the counts to the windows in one round trip. Rows are upserted in key order, visitors before products, so
    /// concurrent batches lock shared windows in the same order and cannot deadlock.
    /// </summary>
    private static async Task<IReadOnlyList<ProductWindow>> CountAsync(NpgsqlTransaction transaction, WindowCounts counts, CancellationToken cancellationToken)
    {
        if (counts.Products.Count == 0 && counts.Visitors.Count == 0)
        {
            return [];
        }

        await using var upsert = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO visitor_minutes AS v (window_start, visitor, stages)
                    SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::smallint[]) AS u (window_start, visitor, stages)
                    ORDER BY window_start, visitor
                    ON CONFLICT (window_start, visitor) DO UPDATE SET stages = v.stages | excluded.stages
                    WHERE v.stages | excluded.stages <> v.stages
                    """)
                {
                    Parameters =
                    {
                        new() { Value = counts.Visitors.Keys.Select(key => key.Minute).ToArray() },
                        new() { Value = counts.Visitors.Keys.Select(key => key.Visitor).ToArray() },
                        new() { Value = counts.Visitors.Values.ToArray() },
                    },
                },
                new("""
                    INSERT INTO product_minutes AS m (window_start, product_id, views, carts, purchases)
                    SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::bigint[], $4::bigint[], $5::bigint[])
                        AS u (window_start, product_id, views, carts, purchases)
                    ORDER BY window_start, product_id
                    ON CONFLICT (window_start, product_id) DO UPDATE
                    SET views = m.views + excluded.views, carts = m.carts + excluded.carts, purchases = m.purchases + excluded.purchases
                    RETURNING window_start, product_id, views, carts, purchases
                    """)
                {
                    Parameters =
                    {
                        new() { Value = counts.Products.Keys.Select(key => key.Minute).ToArray() },
                        new() { Value = counts.Products.Keys.Select(key => key.Product).ToArray() },
                        new() { Value = counts.Products.Values.Select(value => value.Views).ToArray() },
                        new() { Value = counts.Products.Values.Select(value => value.Carts).ToArray() },
                        new() { Value = counts.Products.Values.Select(value => value.Purchases).ToArray() },
                    },
                },
            },
        };
        // The visitors' statement returns no rows: the products' are the batch's only result.
        await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
        return await ProductWindow.ReadAllAsync(reader, cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        => value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);
}
