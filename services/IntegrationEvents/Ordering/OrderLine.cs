namespace Store.IntegrationEvents.Ordering;

public sealed record OrderLine(Guid ProductId, int Quantity);
