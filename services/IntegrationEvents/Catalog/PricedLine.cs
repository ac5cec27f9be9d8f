namespace Store.IntegrationEvents.Catalog;

/// <summary>A reserved line with the unit price the catalog charged for it.</summary>
public sealed record PricedLine(Guid ProductId, string Name, int Quantity, decimal UnitPrice);
