namespace Store.Analytics.Queries;

/// <summary>A product's total of the ranked metric.</summary>
public sealed record ProductTotal(Guid ProductId, long Total);
