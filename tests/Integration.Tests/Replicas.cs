using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store.Integration.Tests;

/// <summary>The running replicas of a project, as the AppHost sees them.</summary>
internal static class Replicas
{
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(60);

    /// <summary>The process id of every replica of the resource that is running now, by replica.</summary>
    public static IReadOnlyDictionary<string, int> RunningOf(StoreAppFixture store, string resourceName) =>
        store.ReplicasOf(resourceName)
            .Where(replica => replica.Snapshot.State?.Text == KnownResourceStates.Running && PidOf(replica.Snapshot) != 0)
            .ToDictionary(replica => replica.ResourceId, replica => PidOf(replica.Snapshot));

    /// <summary>Waits until the replica runs a process other than <paramref name="killed"/> and is healthy.</summary>
    public static async Task<ResourceEvent> WaitForReplacementAsync(StoreAppFixture store, string resourceName, string replica, int killed)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(BackWithin);
        return await store.App.ResourceNotifications.WaitForResourceAsync(resourceName, update =>
            update.ResourceId == replica && PidOf(update.Snapshot) is var pid && pid != 0 && pid != killed
            && update.Snapshot.HealthStatus == HealthStatus.Healthy, limit.Token);
    }

    public static int PidOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, CultureInfo.InvariantCulture)
            : 0;
}
