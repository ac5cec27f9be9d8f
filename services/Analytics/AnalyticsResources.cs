namespace Store.Analytics;

/// <summary>The names the AppHost gives the analytics service's dependencies.</summary>
internal static class AnalyticsResources
{
    public const string Database = "analyticsdb";
}
