namespace Store.Ordering;

/// <summary>The names the AppHost gives the ordering service's dependencies.</summary>
internal static class OrderingResources
{
    public const string Database = "orderingdb";
}
