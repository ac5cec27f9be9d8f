namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>Every deploy rule, run on each template the tests synthesize.</summary>
public static class DeployRuleSet
{
    public static readonly IReadOnlyList<IDeployRule> All =
    [
        new UniqueDiscoveryNames(),
        new ServiceConnectPortNamesExist(),
        new SecretsReadableByExecutionRole(),
        new IngressBackedByReferences(),
        new ServicesWaitForTheirListeners(),
        new DynamicReferenceLimit(),
    ];

    public static TheoryData<string> Names => [.. All.Select(rule => rule.Description)];

    public static IDeployRule Named(string name) => All.Single(rule => rule.Description == name);
}
