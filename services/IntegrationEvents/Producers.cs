namespace Store.IntegrationEvents;

/// <summary>The services that publish events; each one's events travel on its own stream.</summary>
public static class Producers
{
    public const string Ordering = "ordering";
    public const string Catalog = "catalog";
    public const string Payments = "payments";

    public static IReadOnlyList<string> All { get; } = [Ordering, Catalog, Payments];
}
