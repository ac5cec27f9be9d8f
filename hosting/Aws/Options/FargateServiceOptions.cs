namespace Store.Hosting.Aws.Options;

/// <summary>How a project runs as an ECS Fargate service. Defaults suit a small .NET API.</summary>
public sealed class FargateServiceOptions
{
    /// <summary>Task CPU units (1024 = one vCPU), one of Fargate's sizes.</summary>
    public int Cpu { get; set; } = 512;

    /// <summary>Task memory in MiB, valid for <see cref="Cpu"/>.</summary>
    public int MemoryMiB { get; set; } = 1024;

    /// <summary>Auto scaling's upper bound; the lower bound is the resource's replica count.</summary>
    public int? MaxReplicas { get; set; }

    /// <summary>Average CPU the scaling policy keeps the service at.</summary>
    public int TargetCpuUtilizationPercent { get; set; } = 60;

    /// <summary>
    /// Readiness: the path the load balancer probes before it sends a task traffic. <c>AddServiceDefaults</c> maps
    /// <c>/health</c> (dependencies included); a readiness <c>EndpointProbeAnnotation</c> on the resource wins over this.
    /// </summary>
    public string HealthCheckPath { get; set; } = "/health";

    /// <summary>
    /// Liveness: the path the ECS container health check probes; a task failing it is replaced. <c>AddServiceDefaults</c>
    /// maps <c>/alive</c> (the process only), so an outage of Postgres or Redis does not replace every task at once;
    /// a liveness <c>EndpointProbeAnnotation</c> on the resource wins over this.
    /// </summary>
    public string LivenessPath { get; set; } = "/alive";
}
