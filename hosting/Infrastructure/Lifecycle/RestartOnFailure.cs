using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Store.Hosting.Infrastructure.Lifecycle;

/// <summary>
/// Starts again any process of the run that exits with a failure code while the run goes on, as ECS replaces a task
/// that stopped: a killed service replica, or a server that crashed. A process stopped on purpose (the dashboard's
/// Stop, or the run ending) passes through Stopping or exits with 0, and stays stopped.
/// </summary>
internal sealed class RestartOnFailure(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    ILogger<RestartOnFailure> logger) : BackgroundService
{
    private readonly Dictionary<string, ReplicaLifecycle> replicas = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var update in notifications.WatchAsync(running.Token).ConfigureAwait(false))
            {
                if (Restartable(update) && LifecycleOf(update.ResourceId).Observe(update.Snapshot) is { } restart)
                {
                    _ = RestartAsync(update, restart, running.Token);
                }
            }
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
        }
    }

    private ReplicaLifecycle LifecycleOf(string replica)
    {
        if (!replicas.TryGetValue(replica, out var lifecycle))
        {
            replicas[replica] = lifecycle = new ReplicaLifecycle();
        }

        return lifecycle;
    }

    private static bool Restartable(ResourceEvent update) =>
        !update.Snapshot.IsHidden && update.Resource.Annotations.OfType<ResourceCommandAnnotation>().Any(command => command.Name == KnownResourceCommands.StartCommand);

    private async Task RestartAsync(ResourceEvent update, Restart restart, CancellationToken cancellationToken)
    {
        var resourceLog = resourceLogs.GetLogger(update.ResourceId);
        if (restart.Delay is not { } delay)
        {
            logger.GaveUp(update.ResourceId, restart.ExitCode, RestartBackoff.Limit);
            resourceLog.GaveUp(update.ResourceId, restart.ExitCode, RestartBackoff.Limit);
            return;
        }

        logger.Restarting(update.ResourceId, restart.ExitCode, delay.TotalSeconds, restart.Count);
        resourceLog.Restarting(update.ResourceId, restart.ExitCode, delay.TotalSeconds, restart.Count);
        try
        {
            await notifications.PublishUpdateAsync(update.Resource, update.ResourceId, snapshot => snapshot with
            {
                Properties = [.. snapshot.Properties.Where(property => property.Name != RestartsProperty), new(RestartsProperty, restart.Count)],
            }).ConfigureAwait(false);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            var result = await commands.ExecuteCommandAsync(update.ResourceId, KnownResourceCommands.StartCommand, cancellationToken).ConfigureAwait(false);
            if (!result.Success)
            {
                logger.RestartFailed(update.ResourceId, result.Message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Shown with the resource's details in the dashboard.</summary>
    public const string RestartsProperty = "store.restarts";
}
