using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.Options;

namespace Store.Hosting.Aws.AppModel;

/// <summary>A project as it will run on Fargate: what the app model says about it, evaluated for publishing.</summary>
/// <param name="Environment">Raw app-model values (strings, parameters, endpoint and connection-string references, expressions).</param>
/// <param name="IsExternal">It has an external HTTP endpoint, so a public load balancer sits in front of it.</param>
/// <param name="LivenessPath">What the ECS container health check probes: whether the process runs, so a database or bus outage never replaces every task at once.</param>
/// <param name="ReadinessPath">What the load balancer probes before it sends a task traffic: whether its dependencies answer.</param>
/// <param name="DroppedVariables">Variables that point at HTTPS endpoints, which services do not serve inside the VPC.</param>
internal sealed record ComputeService(
    ProjectResource Resource,
    int Replicas,
    FargateServiceOptions Options,
    IReadOnlyDictionary<string, object> Environment,
    bool IsExternal,
    string LivenessPath,
    string ReadinessPath,
    IReadOnlyList<string> DroppedVariables)
{
    /// <summary>The one port every service listens on inside its task (the image sets it; the app model's target port maps to it).</summary>
    public const int ContainerPort = 8080;

    public string Name => Resource.Name;

    /// <summary>Auto scaling's ceiling: the configured one, four times the replicas by default, never below them.</summary>
    public int MaxReplicas => Math.Max(Options.MaxReplicas ?? Replicas * 4, Replicas);

    public string ProjectPath => Resource.GetProjectMetadata().ProjectPath;

    /// <summary>The resources its configuration points at, through expressions and connection strings.</summary>
    public IReadOnlySet<IResource> ReferencedResources => Environment.Values.SelectMany(AppModelValues.ResourcesIn).ToHashSet();
}
