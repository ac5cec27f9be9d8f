using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Store.Hosting.Infrastructure.Lifecycle;

/// <summary>
/// Stops the run's resources wave by wave (<see cref="StopWaves"/>) before Aspire tears down what is left. Registered
/// after Aspire's own hosted services, it is stopped before them.
/// </summary>
internal sealed class StopInDependencyOrder(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ILogger<StopInDependencyOrder> logger) : BackgroundService
{
    /// <summary>Every replica of the run, by its id, with a state it was seen in.</summary>
    private readonly ConcurrentDictionary<string, ResourceEvent> replicas = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                replicas[update.ResourceId] = update;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var wave in StopWaves.Of(model.Resources))
        {
            var running = replicas.Keys.Select(Latest).Where(replica => wave.Contains(replica.Resource) && IsRunning(replica));
            await Task.WhenAll(running.Select(replica => StopAsync(replica, cancellationToken))).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the orchestrator last said about a replica: the watch above may not have caught up with it yet.</summary>
    private ResourceEvent Latest(string replicaId) =>
        notifications.TryGetCurrentState(replicaId, out var latest) ? latest : replicas[replicaId];

    private static bool IsRunning(ResourceEvent replica) =>
        replica.Snapshot.State?.Text is { } state && (state == KnownResourceStates.Running || state == KnownResourceStates.Starting || state == KnownResourceStates.RuntimeUnhealthy)
        && replica.Resource.Annotations.OfType<ResourceCommandAnnotation>().Any(command => command.Name == KnownResourceCommands.StopCommand);

    private async Task StopAsync(ResourceEvent replica, CancellationToken cancellationToken)
    {
        // The stop command confirms by polling the orchestrator with a growing delay; the replica's state says it sooner.
        var command = commands.ExecuteCommandAsync(replica.ResourceId, KnownResourceCommands.StopCommand, cancellationToken);
        var stopped = notifications.WaitForResourceAsync(replica.Resource.Name,
            update => update.ResourceId == replica.ResourceId && update.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state),
            cancellationToken);
        if (await Task.WhenAny(command, stopped).ConfigureAwait(false) == command && await command.ConfigureAwait(false) is { Success: false, Canceled: false } failed)
        {
            // What could not be stopped here, Aspire's own teardown stops next.
            logger.StopFailed(replica.ResourceId, failed.Message);
        }
    }
}
