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
        Record([(transaction, order.Id, start)], now);
    }

    /// <summary>Locks the order for a saga step; null when there is no such order.</summary>
    public static async Task<SagaState?> LockAsync(IEventTransaction transaction, Guid orderId, CancellationToken cancellationToken)
    {
        var states = await transaction.QueryAsync(
            [new($"SELECT {StateColumns} WHERE o.id = $1 FOR UPDATE OF o") { Parameters = { new() { Value = orderId } } }],
            ReadStatesAsync, cancellationToken);
        return states.Count == 1 ? states[0] : null;
    }

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
        => Apply([(transaction, orderId, transition)], now);

    /// <summary>
    /// Queues what each step's transition changes (one step per order, all in one transaction): one statement per table
    /// for all of them, and each step's events published through its own <see cref="IEventTransaction"/>, so that
    /// they carry their own cause and trace.
    /// </summary>
    public static void Apply(IReadOnlyList<(IEventTransaction Transaction, Guid OrderId, SagaTransition Transition)> steps, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            return;
        }

        var writes = steps[0].Transaction;
        var moves = steps.Where(step => step.Transition.Change == SagaChange.Move).ToArray();
        if (moves.Length > 0)
        {
            writes.Write(new("""
                UPDATE orders o SET status = m.status, updated_at = $2, deadline = m.deadline,
                    cancellation_reason = coalesce(m.cancellation_reason, o.cancellation_reason),
                    total = coalesce(m.total, o.total), currency = coalesce(m.currency, o.currency)
                FROM unnest($1::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::numeric[], $7::text[])
                    AS m(id, status, deadline, cancellation_reason, total, currency)
                WHERE o.id = m.id
                """)
            {
                Parameters =
                {
                    new() { Value = moves.Select(step => step.OrderId).ToArray() },
                    new() { Value = now },
                    new() { Value = moves.Select(step => step.Transition.Status).ToArray() },
                    new() { Value = moves.Select(step => step.Transition.Deadline).ToArray() },
                    new() { Value = moves.Select(step => step.Transition.CancellationReason).ToArray() },
                    new() { Value = moves.Select(step => step.Transition.Pricing?.Total).ToArray() },
                    new() { Value = moves.Select(step => step.Transition.Pricing?.Currency).ToArray() },
                },
            });
        }

        var priced = steps.SelectMany(step => step.Transition.Pricing is { } pricing
            ? pricing.Lines.Select(line => (step.OrderId, Line: line))
            : []).ToArray();
        if (priced.Length > 0)
        {
            writes.Write(new("""
                UPDATE order_lines o SET name = l.name, unit_price = l.unit_price
                FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[]) AS l(order_id, product_id, name, unit_price)
                WHERE o.order_id = l.order_id AND o.product_id = l.product_id
                """)
            {
                Parameters =
                {
                    new() { Value = priced.Select(item => item.OrderId).ToArray() },
                    new() { Value = priced.Select(item => item.Line.ProductId).ToArray() },
                    new() { Value = priced.Select(item => item.Line.Name).ToArray() },
                    new() { Value = priced.Select(item => item.Line.UnitPrice).ToArray() },
                },
            });
        }

        Record(steps, now);
    }

    /// <summary>Queues the history steps (one statement) and publishes each step's events through its own transaction.</summary>
    private static void Record(IReadOnlyList<(IEventTransaction Transaction, Guid OrderId, SagaTransition Transition)> steps, DateTimeOffset now)
    {
        var entries = steps.Where(step => step.Transition.Entry is not null).ToArray();
        if (entries.Length > 0)
        {
            steps[0].Transaction.Write(new("""
                INSERT INTO order_history (order_id, sequence, step, status, detail, at)
                SELECT e.order_id, coalesce((SELECT max(h.sequence) FROM order_history h WHERE h.order_id = e.order_id), 0) + 1,
                       e.step, e.status, e.detail, $5
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS e(order_id, step, status, detail)
                """)
            {
                Parameters =
                {
                    new() { Value = entries.Select(step => step.OrderId).ToArray() },
                    new() { Value = entries.Select(step => step.Transition.Entry!.Step).ToArray() },
                    new() { Value = entries.Select(step => step.Transition.Status).ToArray() },
                    new() { Value = entries.Select(step => step.Transition.Entry!.Detail).ToArray() },
                    new() { Value = now },
                },
            });
        }

        foreach (var (transaction, _, transition) in steps)
        {
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
