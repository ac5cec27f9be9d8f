using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Store.Integration.Tests;

internal static class ResourceHealthWaiting
{
    /// <summary>
    /// Starts the app and waits until every resource the dashboard shows is healthy. A resource that fails, or the
    /// time limit, ends the wait with the state of every resource, so the failure says where to look.
    /// </summary>
    public static async Task StartAndWaitForAllResourcesHealthyAsync(this DistributedApplication app, TimeSpan timeout)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource)
            .Select(resource => resource.Name)
            .ToList();

        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            await app.StartAsync(waiting.Token);
            var shown = resources.Where(name => !IsHidden(notifications, name));
            await Task.WhenAll(shown.Select(name =>
                notifications.WaitForResourceHealthyAsync(name, WaitBehavior.StopOnResourceUnavailable, waiting.Token)));
        }
        catch (Exception exception) when (exception is OperationCanceledException or DistributedApplicationException)
        {
            throw new InvalidOperationException(
                $"Not every resource became healthy ({exception.Message}; the limit is {timeout.TotalSeconds:0} s).{Environment.NewLine}" +
                Describe(notifications, resources),
                exception);
        }
    }

    // Aspire adds helper resources of its own (a project's rebuilder, for one) that never become healthy.
    private static bool IsHidden(ResourceNotificationService notifications, string name) =>
        notifications.TryGetCurrentState(name, out var resourceEvent) && resourceEvent.Snapshot.IsHidden;

    private static string Describe(ResourceNotificationService notifications, IEnumerable<string> names)
    {
        var text = new StringBuilder("Resource states:");
        foreach (var name in names)
        {
            var snapshot = notifications.TryGetCurrentState(name, out var resourceEvent) ? resourceEvent.Snapshot : null;
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  {name}: {snapshot?.State?.Text ?? "unknown"}, health {snapshot?.HealthStatus?.ToString() ?? "unknown"}, exit code {snapshot?.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        return text.ToString();
    }
}
