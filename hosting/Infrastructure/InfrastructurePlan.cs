namespace Store.Hosting.Infrastructure;

/// <summary>The mode the AppHost settled on, why, and what is wrong with it if anything is.</summary>
/// <param name="Mode">Either <see cref="InfrastructureMode.Containers"/> or <see cref="InfrastructureMode.Processes"/>.</param>
/// <param name="Reason">One sentence a developer can read in the console.</param>
/// <param name="Problem">Set when the chosen mode cannot work on this machine, with what to do about it.</param>
public sealed record InfrastructurePlan(InfrastructureMode Mode, string Reason, string? Problem = null);
