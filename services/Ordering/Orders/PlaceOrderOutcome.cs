namespace Store.Ordering.Orders;

/// <summary>What placing an order with an idempotency key came to.</summary>
internal enum PlaceOrderOutcome
{
    Created,
    /// <summary>The key was used before with the same request: the order it created.</summary>
    Replayed,
    /// <summary>The key was used before with a different request.</summary>
    KeyReused,
}
