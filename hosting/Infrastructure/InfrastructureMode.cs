namespace Store.Hosting.Infrastructure;

/// <summary>Where the AppHost runs Redis and Postgres. Set with <c>Infrastructure:Mode</c>.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, local processes otherwise.</summary>
    Auto,

    /// <summary>Aspire's own container resources; always the choice when publishing.</summary>
    Containers,

    /// <summary>Executable resources started from locally installed server binaries.</summary>
    Processes,
}
