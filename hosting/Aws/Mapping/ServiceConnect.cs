using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.AppModel;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// A project's endpoint as another service sees it: the Service Connect name (the resource's name) on the one
/// container port, so <c>services__catalog__http__0</c> is <c>http://catalog:8080</c>.
/// </summary>
internal static class ServiceConnect
{
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
