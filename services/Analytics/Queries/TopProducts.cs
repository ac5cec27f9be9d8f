using Store.Analytics.Live;

namespace Store.Analytics.Queries;

/// <summary>The products with the highest totals of a metric over a range, highest first.</summary>
public sealed record TopProducts(Metric Metric, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ProductTotal> Products);
