namespace Store.AppHost.Dashboard;

/// <summary>The store's own pages, one click away on the dashboard's resources page.</summary>
internal static class DashboardLinksExtensions
{
    private const string Endpoint = "http";

    /// <summary>The gateway's address is the storefront; the operations view is a page of the same web UI.</summary>
    public static IResourceBuilder<ProjectResource> WithStoreLinks(this IResourceBuilder<ProjectResource> gateway) =>
        gateway
            .WithUrlForEndpoint(Endpoint, url => url.DisplayText = "Storefront")
            .WithUrlForEndpoint(Endpoint, _ => new ResourceUrlAnnotation { Url = "/#/ops", DisplayText = "Operations" });

    /// <summary>The service's API reference: the Scalar page every service serves in Development.</summary>
    public static IResourceBuilder<ProjectResource> WithApiReferenceLink(this IResourceBuilder<ProjectResource> service) =>
        service.WithUrlForEndpoint(Endpoint, _ => new ResourceUrlAnnotation { Url = "/scalar", DisplayText = "API reference" });
}
