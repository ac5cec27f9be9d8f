using Npgsql;
using Store.IntegrationEvents.Ordering;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga;

/// <summary>
/// The order saga's state, kept in the orders table. Each step locks the order's row, checks the state it expects,
/// moves it on, appends to its history and sets the deadline of the next step, all in the caller's transaction,
/// together with the events the step publishes. A step that finds the order elsewhere does nothing.
/// </summary>
internal static class OrderSaga
{
    public static async Task<SagaState?> LockAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            "SELECT customer_id, status, payment_token FROM orders WHERE id = $1 FOR UPDATE", transaction.Connection, transaction);
        query.Parameters.Add(new() { Value = orderId });
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SagaState(orderId, reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    /// <summary>Moves the order to <paramref name="status"/> and records <paramref name="step"/> in its history.</summary>
    public static async Task MoveAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, string step, string? detail, TimeSpan? deadlineIn, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    UPDATE orders SET status = $2, updated_at = now(),
                        deadline = CASE WHEN $3::interval IS NULL THEN NULL ELSE now() + $3::interval END,
                        cancellation_reason = CASE WHEN $2 = 'cancelled' THEN $4 ELSE cancellation_reason END
                    WHERE id = $1
                    """)
                {
                    Parameters =
                    {
                        new() { Value = orderId }, new() { Value = status },
                        new() { Value = (object?)deadlineIn ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval },
                        new() { Value = (object?)detail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    },
                },
            },
        };
        batch.BatchCommands.Add(HistoryCommand(orderId, step, status, detail));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a step that does not change the status, such as stock coming back after a cancellation.</summary>
    public static async Task NoteAsync(NpgsqlTransaction transaction, Guid orderId, string step, string status, string? detail, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction) { BatchCommands = { HistoryCommand(orderId, step, status, detail) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Cancels an order that is not final; the event to publish so that others give back what they hold.</summary>
    public static async Task<OrderCancelled?> CancelAsync(NpgsqlTransaction transaction, SagaState order, string step, string reason, CancellationToken cancellationToken)
    {
        if (OrderStatus.IsFinal(order.Status))
        {
            return null;
        }

        await MoveAsync(transaction, order.OrderId, OrderStatus.Cancelled, step, reason, deadlineIn: null, cancellationToken);
        return new OrderCancelled(order.OrderId, order.CustomerId, reason);
    }

    private static NpgsqlBatchCommand HistoryCommand(Guid orderId, string step, string status, string? detail) => new("""
        INSERT INTO order_history (order_id, sequence, step, status, detail)
        SELECT $1, coalesce(max(sequence), 0) + 1, $2, $3, $4 FROM order_history WHERE order_id = $1
        """)
    {
        Parameters =
        {
            new() { Value = orderId }, new() { Value = step }, new() { Value = status },
            new() { Value = (object?)detail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
        },
    };
}
