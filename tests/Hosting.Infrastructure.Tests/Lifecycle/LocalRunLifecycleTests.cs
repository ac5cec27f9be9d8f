using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Store.Hosting.Infrastructure.Lifecycle;
using Store.Hosting.Infrastructure.Postgres;
using Store.Hosting.Infrastructure.Redis;

namespace Store.Hosting.Infrastructure.Tests.Lifecycle;

/// <summary>Real servers as local processes: what a local run does when one of them dies, and when the run stops.</summary>
public sealed class LocalRunLifecycleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_server_is_started_again_with_its_data_and_its_restart_is_counted()
    {
        var builder = LocalRun();
        builder.RestartProcessesThatFail();
        builder.AddRedisServer("cache");
        await using var app = builder.Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        limit.CancelAfter(Deadline);
        await app.StartAsync(limit.Token);
        var healthy = await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", limit.Token);
        var connectionString = await ((IResourceWithConnectionString)builder.Resources.Single(resource => resource.Name == "cache")).GetConnectionStringAsync(limit.Token);
        await using (var before = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true"))
        {
            await before.GetDatabase().StringSetAsync("survives", "yes");
            // Append-only persistence writes every second; a save makes the key survive a kill at any moment.
            await before.GetDatabase().ExecuteAsync("SAVE");
        }

        var victim = PidOf(healthy.Snapshot);
        Process.GetProcessById(victim).Kill();

        var back = await app.ResourceNotifications.WaitForResourceAsync("cache", update =>
            PidOf(update.Snapshot) is var pid && pid != 0 && pid != victim && update.Snapshot.HealthStatus == HealthStatus.Healthy, limit.Token);
        Assert.Equal(1, Convert.ToInt32(back.Snapshot.Properties.Single(property => property.Name == RestartOnFailure.RestartsProperty).Value, CultureInfo.InvariantCulture));
        await using var after = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        Assert.Equal("yes", (string?)await after.GetDatabase().StringGetAsync("survives"));
    }

    [Fact]
    public async Task A_stopping_run_stops_dependents_first_and_postgres_shuts_down_cleanly_before_its_data_is_removed()
    {
        var builder = LocalRun();
        builder.StopInDependencyOrder();
        var database = builder.AddPostgresServer("postgres").AddPostgresDatabase("appdb");
        builder.AddExecutable("client", "sleep", ".", "infinity").WaitFor(database);
        var dataFolder = InfrastructureContext.Of(builder).DataFolder.Path;
        await using var app = builder.Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        limit.CancelAfter(Deadline);
        await app.StartAsync(limit.Token);
        await app.ResourceNotifications.WaitForResourceAsync("client", KnownResourceStates.Running, limit.Token);

        await app.StopAsync(limit.Token);

        var client = await StoppedAsync(app, "client", limit.Token);
        var postgres = await StoppedAsync(app, "postgres", limit.Token);
        Assert.True(client.Snapshot.StopTimeStamp <= postgres.Snapshot.StopTimeStamp, "The client stopped after the server it waits for.");
        // Deleting the data folder under a running server makes it PANIC and exit with a failure code.
        Assert.Equal(0, postgres.Snapshot.ExitCode);
        Assert.False(Directory.Exists(dataFolder));
    }

    /// <summary>A bare model in process mode; the AppHost's assembly only tells Aspire where its orchestrator is.</summary>
    private static IDistributedApplicationBuilder LocalRun() => DistributedApplication.CreateBuilder(new DistributedApplicationOptions
    {
        Args = ["--Infrastructure:Mode=processes"],
        AssemblyName = typeof(global::Projects.AppHost).Assembly.GetName().Name,
        DisableDashboard = true,
    });

    private static int PidOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } pid ? Convert.ToInt32(pid, CultureInfo.InvariantCulture) : 0;

    private static Task<ResourceEvent> StoppedAsync(DistributedApplication app, string resourceName, CancellationToken cancellationToken) =>
        app.ResourceNotifications.WaitForResourceAsync(resourceName,
            update => update.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state), cancellationToken);
}
