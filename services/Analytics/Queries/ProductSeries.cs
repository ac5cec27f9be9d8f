using Store.Analytics.Archive;

namespace Store.Analytics.Queries;

/// <summary>A product's one-minute windows over a range, oldest first; minutes with no activity are absent.</summary>
public sealed record ProductSeries(Guid ProductId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ProductWindow> Windows);
