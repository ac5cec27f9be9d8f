namespace Store.Hosting.Infrastructure;

/// <summary>Turns the <c>Infrastructure:Mode</c> setting and what the machine offers into a plan.</summary>
internal static class InfrastructurePlanner
{
    public const string ModeSetting = "Infrastructure:Mode";

    public static InfrastructureMode ParseMode(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return InfrastructureMode.Auto;
        }

        // By name only: Enum.TryParse would also take "1" or "7".
        foreach (var mode in Enum.GetValues<InfrastructureMode>())
        {
            if (string.Equals(mode.ToString(), setting.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw new ArgumentException(
            $"{ModeSetting} is '{setting}', but it must be one of: auto, containers, processes.", nameof(setting));
    }

    /// <param name="requested">The parsed setting.</param>
    /// <param name="isPublishing">Publishing always describes containers: process mode would emit host paths.</param>
    /// <param name="probeRuntime">Asked only when the answer matters.</param>
    public static InfrastructurePlan Plan(InfrastructureMode requested, bool isPublishing, Func<ContainerRuntimeStatus> probeRuntime)
    {
        if (isPublishing)
        {
            return new(InfrastructureMode.Containers, "publishing always describes container resources");
        }

        switch (requested)
        {
            case InfrastructureMode.Processes:
                return new(InfrastructureMode.Processes, $"{ModeSetting} is 'processes'");

            case InfrastructureMode.Containers:
                var forced = probeRuntime();
                return forced.IsAvailable
                    ? new(InfrastructureMode.Containers, $"{ModeSetting} is 'containers' and {forced.Runtime} answers")
                    : new(InfrastructureMode.Containers, $"{ModeSetting} is 'containers'",
                        $"{ModeSetting} is 'containers' but the container runtime does not answer ({forced.Detail}). " +
                        $"Start {forced.Runtime}, or run with {ModeSetting}=processes to use locally installed redis-server and PostgreSQL.");

            default:
                var probed = probeRuntime();
                return probed.IsAvailable
                    ? new(InfrastructureMode.Containers, $"{probed.Runtime} answers")
                    : new(InfrastructureMode.Processes, $"no container runtime answers ({probed.Detail})");
        }
    }
}
