using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga;

/// <summary>
/// The order saga's rules, and nothing else: from an order's state and what happened, what the order becomes, what
/// its history records and what it publishes. No I/O: <see cref="SagaCoordinator"/> reads the state and writes the
/// outcome, and any input the rules do not expect in a state — late, duplicate or out of order — changes nothing.
/// <code>
/// submitted ──stock reserved──▶ awaiting-payment ──payment authorized──▶ confirmed
///     │                              │
///     └─ stock rejected, timed out,  └─ payment declined, timed out,
///        cancelled by the customer      cancelled by the customer ──▶ cancelled (publishes OrderCancelled)
/// </code>
/// Stock released and payment voided are noted in the history of any order: they report compensation done. The
/// requests the saga sends carry the deadline of the step they start, so that the service asked can tell when nobody
/// waits for its answer any more; only the saga decides that an answer did not come in time.
/// </summary>
internal static class OrderSaga
{
    public const string CancelledByCustomerReason = "Cancelled by the customer.";

    /// <summary>A new order: submitted, waiting for the catalog, which <see cref="OrderSubmitted"/> asks to reserve its lines.</summary>
    public static SagaTransition Begin(Guid orderId, string customerId, IReadOnlyList<OrderLine> lines, DateTimeOffset now, SagaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var deadline = now + options.StockTimeout;
        return new(SagaChange.Move, OrderStatus.Submitted, new HistoryEntry(SagaSteps.Submitted, null), deadline,
            null, null, [new OrderSubmitted(orderId, customerId, lines, deadline)]);
    }

    public static SagaTransition Decide(SagaState state, SagaInput input, DateTimeOffset now, SagaOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        return (state.Status, input) switch
        {
            (OrderStatus.Submitted, SagaInput.StockReserved reserved) => RequestPayment(state, reserved.Pricing, now + options.PaymentTimeout),
            (OrderStatus.Submitted, SagaInput.StockRejected rejected) => Cancel(state, SagaSteps.StockRejected, rejected.Reason),
            (OrderStatus.AwaitingPayment, SagaInput.PaymentAuthorized paid) => new(SagaChange.Move, OrderStatus.Confirmed,
                new HistoryEntry(SagaSteps.PaymentAuthorized, $"payment {paid.PaymentId}"), null, null, null,
                [new OrderConfirmed(state.OrderId, state.CustomerId, [.. state.Lines.Select(Priced)], paid.Amount, paid.Currency)]),
            (OrderStatus.AwaitingPayment, SagaInput.PaymentDeclined declined) => Cancel(state, SagaSteps.PaymentDeclined, declined.Reason),
            (OrderStatus.Submitted or OrderStatus.AwaitingPayment, SagaInput.CancelledByCustomer) =>
                Cancel(state, SagaSteps.CancelledByCustomer, CancelledByCustomerReason),
            (OrderStatus.Submitted or OrderStatus.AwaitingPayment, SagaInput.DeadlinePassed passed) when state.Deadline <= passed.HeardUntil =>
                Cancel(state, SagaSteps.TimedOut, $"No answer in time from {(state.Status == OrderStatus.Submitted ? "stock reservation" : "payment")}."),
            (_, SagaInput.StockReleased) => Note(state, new HistoryEntry(SagaSteps.StockReleased, null)),
            (_, SagaInput.PaymentVoided voided) => Note(state, new HistoryEntry(SagaSteps.PaymentVoided, $"payment {voided.PaymentId}")),
            _ => SagaTransition.None(state.Status),
        };
    }

    /// <summary>The stock is reserved at these prices: ask payments for the total, to be answered by <paramref name="deadline"/>.</summary>
    private static SagaTransition RequestPayment(SagaState state, Pricing pricing, DateTimeOffset deadline) =>
        new(SagaChange.Move, OrderStatus.AwaitingPayment, new HistoryEntry(SagaSteps.StockReserved, $"{pricing.Total:0.00} {pricing.Currency}"),
            deadline, pricing, null, [new PaymentRequested(state.OrderId, state.CustomerId, pricing.Total, pricing.Currency, state.PaymentToken, deadline)]);

    /// <summary>Whoever holds something for the order (stock, an authorization) gives it back when they see <see cref="OrderCancelled"/>.</summary>
    private static SagaTransition Cancel(SagaState state, string step, string reason) =>
        new(SagaChange.Move, OrderStatus.Cancelled, new HistoryEntry(step, reason), null, null, reason,
            [new OrderCancelled(state.OrderId, state.CustomerId, reason)]);

    private static SagaTransition Note(SagaState state, HistoryEntry entry) =>
        new(SagaChange.Note, state.Status, entry, state.Deadline, null, null, []);

    private static PricedLine Priced(OrderLineView line) => new(line.ProductId, line.Name ?? "", line.Quantity, line.UnitPrice ?? 0);
}
