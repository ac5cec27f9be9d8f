namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>
/// Cloud Map refuses a second service of the same name in a namespace. A Service Connect service without a
/// discovery name registers under its port name, which is how five services all became <c>http</c>.
/// </summary>
public sealed class UniqueDiscoveryNames : IDeployRule
{
    public string Description => "unique Service Connect discovery names in a namespace";

    public IEnumerable<string> Violations(CloudFormationTemplate cloudFormation) =>
        ServiceConnectServices.In(cloudFormation)
            .GroupBy(published => (published.Namespace, Name: (string?)(published.Published["DiscoveryName"] ?? published.Published["PortName"])))
            .Where(group => group.Count() > 1)
            .Select(group => $"'{group.Key.Name}' is the discovery name of {string.Join(", ", group.Select(published => published.Service))} in namespace {group.Key.Namespace}");
}
