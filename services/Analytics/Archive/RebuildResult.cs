namespace Store.Analytics.Archive;

/// <summary>How many archived events a rebuild counted and the product windows it wrote.</summary>
internal sealed record RebuildResult(long Events, IReadOnlyList<ProductWindow> Windows);
