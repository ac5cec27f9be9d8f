using Microsoft.Extensions.Options;
using Npgsql;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Outbox;
using Store.Ordering.Saga;

namespace Store.Ordering.Orders;

/// <summary>Orders in the ordering database. Placing one and publishing <see cref="OrderSubmitted"/> is one transaction.</summary>
internal sealed class OrderStore(NpgsqlDataSource dataSource, IEventPublisher publisher, IOptions<SagaOptions> saga)
{
    public async Task<(PlaceOrderOutcome Outcome, Order? Order)> PlaceAsync(
        string customerId, string idempotencyKey, PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var fingerprint = request.Fingerprint();
        var orderId = Guid.CreateVersion7();
        await using var unit = await publisher.BeginAsync(customerId, cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);

        // A concurrent request with the same key waits here on the unique index until the first one commits.
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO orders (id, customer_id, status, payment_token, idempotency_key, request_hash, deadline)
            VALUES ($1, $2, 'submitted', $3, $4, $5, now() + $6::interval)
            ON CONFLICT (customer_id, idempotency_key) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = orderId });
            insert.Parameters.Add(new() { Value = customerId });
            insert.Parameters.Add(new() { Value = request.PaymentToken! });
            insert.Parameters.Add(new() { Value = idempotencyKey });
            insert.Parameters.Add(new() { Value = fingerprint });
            insert.Parameters.Add(new() { Value = saga.Value.StockTimeout });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await FindByKeyAsync(customerId, idempotencyKey, fingerprint, cancellationToken);
            }
        }

        var lines = request.Lines!.Select(line => new OrderLine(line.ProductId!.Value, line.Quantity!.Value)).ToArray();
        await using (var insertLines = new NpgsqlCommand(
            "INSERT INTO order_lines (order_id, product_id, quantity) SELECT $1, * FROM unnest($2::uuid[], $3::integer[])",
            connection, transaction))
        {
            insertLines.Parameters.Add(new() { Value = orderId });
            insertLines.Parameters.Add(new() { Value = lines.Select(line => line.ProductId).ToArray() });
            insertLines.Parameters.Add(new() { Value = lines.Select(line => line.Quantity).ToArray() });
            await insertLines.ExecuteNonQueryAsync(cancellationToken);
        }

        await OrderSaga.NoteAsync(transaction, orderId, SagaSteps.Submitted, OrderStatus.Submitted, detail: null, cancellationToken);
        await unit.PublishAsync(new OrderSubmitted(orderId, customerId, lines), cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return (PlaceOrderOutcome.Created, await FindAsync(orderId, customerId, cancellationToken));
    }

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

    /// <summary>Cancels the customer's order unless it is confirmed; cancelling a cancelled order changes nothing.</summary>
    public async Task<(CancelOrderOutcome Outcome, Order? Order)> CancelAsync(Guid orderId, string customerId, CancellationToken cancellationToken)
    {
        await using (var unit = await publisher.BeginAsync(customerId, cancellationToken))
        {
            var order = await OrderSaga.LockAsync(unit.Transaction, orderId, cancellationToken);
            if (order is null || order.CustomerId != customerId)
            {
                return (CancelOrderOutcome.NotFound, null);
            }

            if (order.Status == OrderStatus.Confirmed)
            {
                return (CancelOrderOutcome.AlreadyConfirmed, await FindAsync(orderId, customerId, cancellationToken));
            }

            if (await OrderSaga.CancelAsync(unit.Transaction, order, SagaSteps.CancelledByCustomer, "Cancelled by the customer.", cancellationToken) is { } cancellation)
            {
                await unit.PublishAsync(cancellation, cancellationToken);
            }

            await unit.CommitAsync(cancellationToken);
        }

        return (CancelOrderOutcome.Cancelled, await FindAsync(orderId, customerId, cancellationToken));
    }

    private async Task<(PlaceOrderOutcome, Order?)> FindByKeyAsync(string customerId, string idempotencyKey, byte[] fingerprint, CancellationToken cancellationToken)
    {
        await using var query = dataSource.CreateCommand("SELECT id, request_hash FROM orders WHERE customer_id = $1 AND idempotency_key = $2");
        query.Parameters.Add(new() { Value = customerId });
        query.Parameters.Add(new() { Value = idempotencyKey });
        Guid existing;
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("An order with this key conflicted on insert and then vanished.");
            }

            if (!reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(fingerprint))
            {
                return (PlaceOrderOutcome.KeyReused, null);
            }

            existing = reader.GetGuid(0);
        }

        return (PlaceOrderOutcome.Replayed, await FindAsync(existing, customerId, cancellationToken));
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
