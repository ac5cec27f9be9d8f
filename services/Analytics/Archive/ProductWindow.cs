namespace Store.Analytics.Archive;

/// <summary>A product's totals in one one-minute window, as they stand after a change.</summary>
public sealed record ProductWindow(DateTimeOffset WindowStart, Guid ProductId, long Views, long Carts, long Purchases);
