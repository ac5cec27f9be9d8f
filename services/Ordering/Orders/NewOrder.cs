using Store.IntegrationEvents.Ordering;

namespace Store.Ordering.Orders;

/// <summary>An order as placed, before the saga has done anything with it.</summary>
/// <param name="RequestHash">The request's fingerprint: a retry with the same key must match it.</param>
internal sealed record NewOrder(Guid Id, string CustomerId, string PaymentToken, string IdempotencyKey, byte[] RequestHash, IReadOnlyList<OrderLine> Lines);
