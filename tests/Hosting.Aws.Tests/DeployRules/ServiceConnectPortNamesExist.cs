namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>ECS refuses a Service Connect service whose port name is not a named port mapping of its task definition.</summary>
public sealed class ServiceConnectPortNamesExist : IDeployRule
{
    public string Description => "every Service Connect port name is a port mapping of its task";

    public IEnumerable<string> Violations(CloudFormationTemplate cloudFormation)
    {
        foreach (var (id, service) in cloudFormation.ResourcesOf("AWS::ECS::Service"))
        {
            var task = CloudFormationTemplate.Target(service["TaskDefinition"]);
            var portNames = (task is null ? [] : cloudFormation.Resource(task)["Properties"]!["ContainerDefinitions"]!.AsArray())
                .SelectMany(container => container!["PortMappings"]?.AsArray() ?? [])
                .Select(mapping => (string?)mapping!["Name"])
                .ToHashSet();
            foreach (var (_, _, published) in ServiceConnectServices.In(cloudFormation).Where(published => published.Service == id))
            {
                if (!portNames.Contains((string?)published["PortName"]))
                {
                    yield return $"{id} publishes port '{published["PortName"]}', which no container of {task} names";
                }
            }
        }
    }
}
