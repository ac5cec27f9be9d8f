namespace Store.Analytics.Queries;

/// <summary>What a replay recomputed: the events it read and the product windows it wrote.</summary>
public sealed record ReplayResult(DateTimeOffset From, DateTimeOffset To, long Events, int ProductWindows);
