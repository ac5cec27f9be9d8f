using Microsoft.Extensions.Configuration;

namespace Store.AppHost;

internal static class ReplicaExtensions
{
    /// <summary>
    /// Runs the service as <paramref name="deployed"/> replicas once published. A local run starts
    /// <c>Replicas:&lt;name&gt;</c> of them, one by default, so F5 is up fast on a laptop; the integration tests
    /// run the deployed count, which their crash, takeover and cache tests need.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDeployedReplicas(this IResourceBuilder<ProjectResource> service, int deployed)
    {
        var builder = service.ApplicationBuilder;
        return service.WithReplicas(builder.ExecutionContext.IsPublishMode
            ? deployed
            : builder.Configuration.GetValue($"Replicas:{service.Resource.Name}", 1));
    }
}
