namespace Store.Hosting.Infrastructure;

/// <summary>Whether the container runtime Aspire would use answers on this machine.</summary>
/// <param name="Runtime">The runtime's command name, such as <c>docker</c> or <c>podman</c>.</param>
/// <param name="IsAvailable">True when the runtime's daemon answered.</param>
/// <param name="Detail">What the probe saw, for the console.</param>
public sealed record ContainerRuntimeStatus(string Runtime, bool IsAvailable, string Detail);
