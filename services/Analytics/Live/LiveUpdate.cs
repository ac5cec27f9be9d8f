using Store.Analytics.Archive;

namespace Store.Analytics.Live;

/// <summary>One message of the live feed: product windows whose totals just changed, with their new totals.</summary>
public sealed record LiveUpdate(IReadOnlyList<ProductWindow> Windows);
