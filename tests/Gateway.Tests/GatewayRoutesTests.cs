using Store.Gateway.Routing;

namespace Store.Gateway.Tests;

public sealed class GatewayRoutesTests
{
    [Fact]
    public void Every_route_names_its_authorization_policy() =>
        Assert.All(GatewayRoutes.Routes, route => Assert.False(string.IsNullOrEmpty(route.AuthorizationPolicy), route.RouteId));

    [Fact]
    public void Every_route_reaches_a_known_service_under_its_versioned_api() =>
        Assert.All(GatewayRoutes.Routes, route =>
        {
            Assert.Contains(GatewayRoutes.Clusters, cluster => cluster.ClusterId == route.ClusterId);
            Assert.StartsWith("/api/v1/", route.Transforms!.Single()["PathPattern"], StringComparison.Ordinal);
        });

    [Fact]
    public void No_route_leads_to_a_service_operations_api() =>
        Assert.All(GatewayRoutes.Routes, route => Assert.DoesNotContain("messaging", route.Transforms!.Single()["PathPattern"], StringComparison.Ordinal));
}
