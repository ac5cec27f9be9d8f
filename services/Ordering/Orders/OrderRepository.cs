using Npgsql;
using NpgsqlTypes;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Outbox;
using Store.Ordering.Saga;

namespace Store.Ordering.Orders;

/// <summary>
/// Every write to the orders tables, and the reads that lock an order for a saga step. Writes are queued on the
/// caller's <see cref="IEventTransaction"/>, together with the events a transition publishes, so that a step costs the
/// one round trip of its read plus the one of its commit. Status values are parameters, never SQL literals.
/// </summary>
internal static class OrderRepository
{
    /// <summary>The unique index that makes an <c>Idempotency-Key</c> name one order per customer.</summary>
    public const string IdempotencyKeyIndex = "orders_customer_id_idempotency_key_key";

    private const string StateColumns = """
        o.id, o.customer_id, o.status, o.payment_token, o.deadline, l.product_ids, l.quantities, l.names, l.unit_prices
        FROM orders o
        CROSS JOIN LATERAL (
            SELECT array_agg(product_id ORDER BY product_id) AS product_ids, array_agg(quantity ORDER BY product_id) AS quantities,
                   array_agg(name ORDER BY product_id) AS names, array_agg(unit_price ORDER BY product_id) AS unit_prices
            FROM order_lines WHERE order_id = o.id) l
        """;

    /// <summary>Queues a new order, its lines and the first step of its saga; a reused key fails the commit on <see cref="IdempotencyKeyIndex"/>.</summary>
    public static void Insert(IEventTransaction transaction, NewOrder order, SagaTransition start, DateTimeOffset now)
    {
        transaction.Write(new("""
            INSERT INTO orders (id, customer_id, status, payment_token, idempotency_key, request_hash, deadline, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            """)
        {
            Parameters =
            {
                new() { Value = order.Id }, new() { Value = order.CustomerId }, new() { Value = start.Status },
                new() { Value = order.PaymentToken }, new() { Value = order.IdempotencyKey }, new() { Value = order.RequestHash },
                Timestamp(start.Deadline), new() { Value = now },
            },
        });
        transaction.Write(new("INSERT INTO order_lines (order_id, product_id, quantity) SELECT $1, * FROM unnest($2::uuid[], $3::integer[])")
        {
            Parameters =
            {
                new() { Value = order.Id },
                new() { Value = order.Lines.Select(line => line.ProductId).ToArray() },
                new() { Value = order.Lines.Select(line => line.Quantity).ToArray() },
            },
        });
        Record(transaction, order.Id, start, now);
    }

    /// <summary>Locks the order for a saga step; null when there is no such order.</summary>
    public static async Task<SagaState?> LockAsync(IEventTransaction transaction, Guid orderId, CancellationToken cancellationToken)
        => (await LockAllAsync(transaction, [orderId], cancellationToken)).GetValueOrDefault(orderId);

    /// <summary>Locks the orders for a run of saga steps, in id order (runs that share an order queue instead of deadlocking); those that exist, by id.</summary>
    public static async Task<Dictionary<Guid, SagaState>> LockAllAsync(IEventTransaction transaction, IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken)
    {
        var states = await transaction.QueryAsync(
            [new($"SELECT {StateColumns} WHERE o.id = ANY($1) ORDER BY o.id FOR UPDATE OF o") { Parameters = { new() { Value = orderIds.ToArray() } } }],
            ReadStatesAsync, cancellationToken);
        return states.ToDictionary(state => state.OrderId);
    }

    /// <summary>Locks up to <paramref name="limit"/> orders whose deadline lies before <paramref name="before"/>, skipping those another replica holds.</summary>
    public static Task<List<SagaState>> LockExpiredAsync(IEventTransaction transaction, DateTimeOffset before, int limit, CancellationToken cancellationToken)
        => transaction.QueryAsync(
            [new($"SELECT {StateColumns} WHERE o.deadline < $1 ORDER BY o.deadline LIMIT $2 FOR UPDATE OF o SKIP LOCKED")
            {
                Parameters = { new() { Value = before }, new() { Value = limit } },
            }],
            ReadStatesAsync, cancellationToken);

    /// <summary>Queues what <paramref name="transition"/> changes: the order, its prices, its history, and the events it publishes.</summary>
    public static void Apply(IEventTransaction transaction, Guid orderId, SagaTransition transition, DateTimeOffset now)
    {
        if (transition.Change == SagaChange.Move)
        {
            transaction.Write(new("""
                UPDATE orders SET status = $2, updated_at = $3, deadline = $4,
                    cancellation_reason = coalesce($5, cancellation_reason), total = coalesce($6, total), currency = coalesce($7, currency)
                WHERE id = $1
                """)
            {
                Parameters =
                {
                    new() { Value = orderId }, new() { Value = transition.Status }, new() { Value = now }, Timestamp(transition.Deadline),
                    Text(transition.CancellationReason),
                    new() { Value = (object?)transition.Pricing?.Total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric },
                    Text(transition.Pricing?.Currency),
                },
            });
        }

        if (transition.Pricing is { } pricing)
        {
            transaction.Write(new("""
                UPDATE order_lines o SET name = l.name, unit_price = l.unit_price
                FROM unnest($2::uuid[], $3::text[], $4::numeric[]) AS l(product_id, name, unit_price)
                WHERE o.order_id = $1 AND o.product_id = l.product_id
                """)
            {
                Parameters =
                {
                    new() { Value = orderId },
                    new() { Value = pricing.Lines.Select(line => line.ProductId).ToArray() },
                    new() { Value = pricing.Lines.Select(line => line.Name).ToArray() },
                    new() { Value = pricing.Lines.Select(line => line.UnitPrice).ToArray() },
                },
            });
        }

        Record(transaction, orderId, transition, now);
    }

    private static void Record(IEventTransaction transaction, Guid orderId, SagaTransition transition, DateTimeOffset now)
    {
        if (transition.Entry is { } entry)
        {
            transaction.Write(new("""
                INSERT INTO order_history (order_id, sequence, step, status, detail, at)
                SELECT $1, coalesce(max(sequence), 0) + 1, $2, $3, $4, $5 FROM order_history WHERE order_id = $1
                """)
            {
                Parameters =
                {
                    new() { Value = orderId }, new() { Value = entry.Step }, new() { Value = transition.Status }, Text(entry.Detail), new() { Value = now },
                },
            });
        }

        foreach (var integrationEvent in transition.Events)
        {
            _ = integrationEvent switch
            {
                OrderSubmitted submitted => transaction.Publish(submitted),
                PaymentRequested requested => transaction.Publish(requested),
                OrderConfirmed confirmed => transaction.Publish(confirmed),
                OrderCancelled cancelled => transaction.Publish(cancelled),
                _ => throw new InvalidOperationException($"The saga does not publish {integrationEvent.GetType().Name}."),
            };
        }
    }

    private static async Task<List<SagaState>> ReadStatesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var states = new List<SagaState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var products = reader.IsDBNull(5) ? [] : reader.GetFieldValue<Guid[]>(5);
            var quantities = reader.IsDBNull(6) ? [] : reader.GetFieldValue<int[]>(6);
            var names = reader.IsDBNull(7) ? [] : reader.GetFieldValue<string?[]>(7);
            var prices = reader.IsDBNull(8) ? [] : reader.GetFieldValue<decimal?[]>(8);
            states.Add(new SagaState(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                [.. products.Select((product, i) => new OrderLineView(product, quantities[i], names[i], prices[i]))]));
        }

        return states;
    }

    private static NpgsqlParameter Timestamp(DateTimeOffset? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
