namespace Store.Analytics.Queries;

/// <summary>The time range whose windows are recomputed from the archive.</summary>
public sealed record ReplayRequest(DateTimeOffset? From, DateTimeOffset? To);
