using Store.Gateway.Protection;
using Store.Security;
using Yarp.ReverseProxy.Configuration;

namespace Store.Gateway.Routing;

/// <summary>
/// Everything the outside world can reach of the internal services, in one table: a path not listed here is a 404 at
/// the gateway, whatever the services behind it expose (their messaging APIs, health endpoints, OpenAPI documents).
/// Services are found through Aspire's service discovery by name; each one checks the token again itself.
/// </summary>
internal static class GatewayRoutes
{
    public const string Catalog = "catalog";
    public const string Ordering = "ordering";
    public const string Analytics = "analytics";

    /// <summary>Writes through this route evict the gateway's cached catalog reads.</summary>
    public const string CatalogWrites = "catalog-writes";

    private const string Anonymous = "anonymous";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Route("products", Catalog, "/api/catalog/products/{**rest}", "/api/v1/products/{**rest}", Anonymous, ["GET", "HEAD"], PublicCatalogCache.Name),
        Route("categories", Catalog, "/api/catalog/categories", "/api/v1/categories", Anonymous, ["GET", "HEAD"], PublicCatalogCache.Name),
        Route(CatalogWrites, Catalog, "/api/catalog/products/{**rest}", "/api/v1/products/{**rest}", StorePolicies.Admin, ["POST", "PUT", "DELETE"]),
        Route("orders", Ordering, "/api/orders/{**rest}", "/api/v1/orders/{**rest}", StorePolicies.Customer),
        Route("clickstream", Analytics, "/api/analytics/events", "/api/v1/events", Anonymous, ["POST"]),
        Route("rankings", Analytics, "/api/analytics/top/{**rest}", "/api/v1/analytics/top/{**rest}", Anonymous, ["GET"]),
        Route("audit", Analytics, "/api/analytics/audit", "/api/v1/audit", StorePolicies.Admin, ["GET"]),
        Route("analytics", Analytics, "/api/analytics/{**rest}", "/api/v1/analytics/{**rest}", StorePolicies.Admin),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } = [Cluster(Catalog), Cluster(Ordering), Cluster(Analytics)];

    private static RouteConfig Route(string id, string cluster, string path, string upstream, string policy, string[]? methods = null, string? cache = null) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path, Methods = methods },
        AuthorizationPolicy = policy,
        OutputCachePolicy = cache,
        Transforms = [new Dictionary<string, string> { ["PathPattern"] = upstream }],
    };

    /// <summary>One destination, the service's name: service discovery turns it into its replicas' addresses.</summary>
    private static ClusterConfig Cluster(string service) => new()
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig> { [service] = new() { Address = $"http://{service}" } },
    };
}
