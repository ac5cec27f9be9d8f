namespace Store.Ordering.Saga;

/// <summary>An order's saga as a step sees it, read under the order's row lock.</summary>
internal sealed record SagaState(Guid OrderId, string CustomerId, string Status, string PaymentToken);
