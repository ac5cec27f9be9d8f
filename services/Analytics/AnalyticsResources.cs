namespace Store.Analytics;

/// <summary>The names the AppHost gives the analytics service's dependencies.</summary>
internal static class AnalyticsResources
{
    public const string Database = "analyticsdb";

    /// <summary>The service's name on the bus: its consumer group there and on the clickstream.</summary>
    public const string Service = "analytics";
}
