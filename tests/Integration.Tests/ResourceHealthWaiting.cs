using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Store.Integration.Tests;

internal static class ResourceHealthWaiting
{
    /// <summary>
    /// Starts the app and waits until every resource the dashboard shows is healthy. A resource that fails, or the
    /// time limit, ends the wait with the last state of every resource instance (each replica apart), so the failure
    /// says where to look.
    /// </summary>
    public static async Task StartAndWaitForAllResourcesHealthyAsync(this DistributedApplication app, TimeSpan timeout)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var names = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource)
            .Select(resource => resource.Name)
            .ToList();

        using var waiting = new CancellationTokenSource(timeout);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(waiting.Token);
        var latest = new ConcurrentDictionary<string, CustomResourceSnapshot>();
        var watcher = WatchAsync(notifications, latest, watching.Token);
        try
        {
            await app.StartAsync(waiting.Token);
            await Task.WhenAll(names.Where(name => !IsHidden(notifications, name)).Select(name =>
                notifications.WaitForResourceHealthyAsync(name, WaitBehavior.StopOnResourceUnavailable, waiting.Token)));
        }
        catch (Exception exception) when (exception is OperationCanceledException or DistributedApplicationException)
        {
            throw new InvalidOperationException(
                $"Not every resource became healthy ({exception.Message}; the limit is {timeout.TotalSeconds:0} s).{Environment.NewLine}{Describe(latest)}",
                exception);
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }
    }

    private static async Task WatchAsync(ResourceNotificationService notifications, ConcurrentDictionary<string, CustomResourceSnapshot> latest, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                latest[update.ResourceId] = update.Snapshot;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Aspire adds helper resources of its own (a project's rebuilder, for one) that never become healthy.
    private static bool IsHidden(ResourceNotificationService notifications, string name) =>
        notifications.TryGetCurrentState(name, out var resourceEvent) && resourceEvent.Snapshot.IsHidden;

    private static string Describe(ConcurrentDictionary<string, CustomResourceSnapshot> latest)
    {
        var text = new StringBuilder("Resource states:");
        foreach (var (id, snapshot) in latest.Where(entry => !entry.Value.IsHidden).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  {id}: {snapshot.State?.Text ?? "unknown"}, health {snapshot.HealthStatus?.ToString() ?? "unknown"}, exit code {snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        return text.ToString();
    }
}
