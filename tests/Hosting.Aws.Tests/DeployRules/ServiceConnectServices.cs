using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>The Service Connect services an ECS service publishes, with the namespace they are registered in.</summary>
public static class ServiceConnectServices
{
    public static IEnumerable<(string Service, string Namespace, JsonObject Published)> In(CloudFormationTemplate template) =>
        from service in template.ResourcesOf("AWS::ECS::Service")
        let connect = service.Properties["ServiceConnectConfiguration"]
        where connect is not null && (bool?)connect["Enabled"] == true
        from published in connect["Services"]?.AsArray() ?? []
        select (service.Id, NamespaceOf(template, service.Properties, connect), published!.AsObject());

    /// <summary>The service's own namespace, else its cluster's Service Connect default.</summary>
    private static string NamespaceOf(CloudFormationTemplate template, JsonObject service, JsonNode connect)
    {
        var node = connect["Namespace"];
        if (node is null && CloudFormationTemplate.Target(service["Cluster"]) is { } cluster)
        {
            node = template.Resource(cluster)["Properties"]?["ServiceConnectDefaults"]?["Namespace"];
        }

        return node is null ? "(none)" : CloudFormationTemplate.Target(node) ?? node.ToJsonString();
    }
}
