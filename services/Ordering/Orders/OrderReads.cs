using Npgsql;

namespace Store.Ordering.Orders;

/// <summary>Orders as their owners and operations read them: one round trip per page, order, lines and history together.</summary>
internal sealed class OrderReads(NpgsqlDataSource dataSource)
{
    /// <summary>The order, if it exists and belongs to <paramref name="customerId"/>.</summary>
    public async Task<Order?> FindAsync(Guid orderId, string customerId, CancellationToken cancellationToken)
    {
        var orders = await ReadAsync("o.id = $1 AND o.customer_id = $2", [orderId, customerId], cancellationToken);
        return orders.Count == 1 ? orders[0] : null;
    }

    /// <summary>The customer's orders, newest first, a page at a time; <paramref name="after"/> is the last order of the previous page.</summary>
    public async Task<OrderPage> ListAsync(string customerId, int limit, Guid? after, CancellationToken cancellationToken)
    {
        var orders = await ReadAsync("""
            o.customer_id = $1
            AND ($2::uuid IS NULL OR (o.created_at, o.id) < (SELECT created_at, id FROM orders WHERE id = $2 AND customer_id = $1))
            ORDER BY o.created_at DESC, o.id DESC LIMIT $3
            """, [customerId, (object?)after ?? DBNull.Value, limit + 1], cancellationToken);
        var hasMore = orders.Count > limit;
        var page = hasMore ? orders.Take(limit).ToList() : orders;
        return new OrderPage(page, hasMore ? page[^1].Id.ToString() : null);
    }

    /// <summary>Every customer's most recent orders, newest first: what operations watch.</summary>
    public Task<List<Order>> RecentAsync(int limit, CancellationToken cancellationToken)
        => ReadAsync("TRUE ORDER BY o.created_at DESC, o.id DESC LIMIT $1", [limit], cancellationToken);

    /// <summary>The order a customer placed with <paramref name="idempotencyKey"/>, and the fingerprint of the request that placed it.</summary>
    public async Task<(Guid OrderId, byte[] RequestHash)?> FindByKeyAsync(string customerId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var query = dataSource.CreateCommand("SELECT id, request_hash FROM orders WHERE customer_id = $1 AND idempotency_key = $2");
        query.Parameters.Add(new() { Value = customerId });
        query.Parameters.Add(new() { Value = idempotencyKey });
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    private async Task<List<Order>> ReadAsync(string where, object[] parameters, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
#pragma warning disable CA2100 // The conditions are constants of this class; every value is a parameter.
        var selected = $"SELECT o.id FROM orders o WHERE {where}";
        var orderCommand = new NpgsqlBatchCommand($"""
            SELECT o.id, o.customer_id, o.status, o.total, o.currency, o.cancellation_reason, o.deadline, o.created_at, o.updated_at
            FROM orders o WHERE {where}
            """);
        var linesCommand = new NpgsqlBatchCommand($"""
            SELECT order_id, product_id, quantity, name, unit_price FROM order_lines
            WHERE order_id IN ({selected}) ORDER BY order_id, product_id
            """);
        var historyCommand = new NpgsqlBatchCommand($"""
            SELECT order_id, sequence, step, status, detail, at FROM order_history
            WHERE order_id IN ({selected}) ORDER BY order_id, sequence
            """);
#pragma warning restore CA2100
        foreach (var command in new[] { orderCommand, linesCommand, historyCommand })
        {
            foreach (var value in parameters)
            {
                command.Parameters.Add(new() { Value = value });
            }

            batch.BatchCommands.Add(command);
        }

        var rows = new List<(Guid Id, string Customer, string Status, decimal? Total, string? Currency, string? Reason, DateTimeOffset? Deadline, DateTimeOffset Created, DateTimeOffset Updated)>();
        var lines = new Dictionary<Guid, List<OrderLineView>>();
        var history = new Dictionary<Guid, List<OrderStep>>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4).Trim(),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                Add(lines, reader.GetGuid(0), new OrderLineView(reader.GetGuid(1), reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                Add(history, reader.GetGuid(0), new OrderStep(reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        return [.. rows.Select(row => new Order(row.Id, row.Customer, row.Status, lines.GetValueOrDefault(row.Id) ?? [],
            row.Total, row.Currency, row.Reason, row.Deadline, row.Created, row.Updated, history.GetValueOrDefault(row.Id) ?? []))];
    }

    private static void Add<T>(Dictionary<Guid, List<T>> map, Guid key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
