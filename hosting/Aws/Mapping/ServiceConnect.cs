using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.AppModel;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// A project's endpoint as another service sees it: the Service Connect name (the resource's name) on the one
/// container port, so <c>services__catalog__http__0</c> is <c>http://catalog:8080</c>.
/// </summary>
internal static class ServiceConnect
{
    /// <summary>The name of the one port mapping of each task definition, which Service Connect publishes.</summary>
    public const string PortName = "http";

    /// <summary>
    /// The service as Service Connect publishes it. The discovery name is the resource's name: without one, ECS
    /// registers the port name, the same <c>http</c> for every service, and Cloud Map refuses the second service
    /// in the namespace. Envoy's 15 s default per-request timeout is off: it would cut the live feed (server-sent
    /// events) and long admin calls, and every caller here sets its own deadline. The idle timeout stays at
    /// HTTP's five minutes, which the live feed's 15 s heartbeat keeps from firing.
    /// </summary>
    public static ServiceConnectService Service(ComputeService service) => new()
    {
        PortMappingName = PortName,
        DiscoveryName = service.Name,
        DnsName = service.Name,
        Port = ComputeService.ContainerPort,
        PerRequestTimeout = Duration.Seconds(0),
        IdleTimeout = Duration.Minutes(5),
    };

    public static CloudValue Endpoint(ProjectResource project, EndpointReference endpoint, EndpointProperty property)
    {
        var port = ComputeService.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = property switch
        {
            EndpointProperty.Url => $"http://{project.Name}:{port}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => project.Name,
            EndpointProperty.Port or EndpointProperty.TargetPort => port,
            EndpointProperty.HostAndPort => $"{project.Name}:{port}",
            EndpointProperty.Scheme => "http",
            EndpointProperty.TlsEnabled => "false",
            _ => throw new NotSupportedException($"{project.Name}/{endpoint.EndpointName}: {property} has no Service Connect equivalent."),
        };
        return CloudValue.Of(text, project);
    }
}
