using Store.Ordering.Orders;

namespace Store.Ordering.Saga;

/// <summary>An order's saga as a step sees it, read under the order's row lock.</summary>
/// <param name="Lines">In product order; names and prices are known once the stock is reserved.</param>
/// <param name="Deadline">When the step the saga waits on times out; none once the order is final.</param>
internal sealed record SagaState(
    Guid OrderId, string CustomerId, string Status, string PaymentToken, DateTimeOffset? Deadline, IReadOnlyList<OrderLineView> Lines);
