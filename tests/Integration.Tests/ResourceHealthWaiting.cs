using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Store.Integration.Tests;

internal static class ResourceHealthWaiting
{
    /// <summary>
    /// Waits until every resource the dashboard shows is healthy. A resource that fails, or a timeout, ends the
    /// wait with the state of every resource, so the failure says where to look.
    /// </summary>
    public static async Task WaitForAllResourcesHealthyAsync(this DistributedApplication app, TimeSpan timeout)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var names = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource && !IsHidden(notifications, resource.Name))
            .Select(resource => resource.Name)
            .ToList();

        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            await Task.WhenAll(names.Select(name =>
                notifications.WaitForResourceHealthyAsync(name, WaitBehavior.StopOnResourceUnavailable, waiting.Token)));
        }
        catch (Exception exception) when (exception is OperationCanceledException or DistributedApplicationException)
        {
            throw new InvalidOperationException(
                $"Not every resource became healthy ({exception.Message}; the limit is {timeout.TotalSeconds:0} s).{Environment.NewLine}{Describe(notifications, names)}",
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
            text.AppendLine().Append(System.Globalization.CultureInfo.InvariantCulture,
                $"  {name}: {snapshot?.State?.Text ?? "unknown"}, health {snapshot?.HealthStatus?.ToString() ?? "unknown"}, exit code {snapshot?.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        return text.ToString();
    }
}
