using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Store.Integration.Tests.Security;

[assembly: AssemblyFixture(typeof(Store.Integration.Tests.StoreAppFixture))]

namespace Store.Integration.Tests;

/// <summary>
/// The real AppHost, started once for the whole assembly, with every resource healthy before the first test runs.
/// Infrastructure:Mode stays 'auto', so the suite runs on containers where Docker answers and on local processes here.
/// </summary>
public sealed class StoreAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The bus takes over a dead consumer's messages after 5 s rather than 15: the crash tests wait for it. It must stay
    /// longer than the slowest handler the tests run (tok_slow_1500). The services run as many replicas as when
    /// deployed (F5 starts one of each): the takeover, crash and cache tests need a second one.
    /// </summary>
    private static readonly string[] Settings =
    [
        "--Messaging:ClaimIdleAfter=00:00:05",
        $"--Parameters:token-signing-key={TestTokens.SigningKey}",
        "--Replicas:catalog=2",
        "--Replicas:payments=2",
        "--Replicas:analytics=2",
    ];

    private readonly ConcurrentDictionary<string, ResourceEvent> replicas = new();
    private readonly CancellationTokenSource stopping = new();
    private DistributedApplication? app;
    private Task? watching;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The AppHost has not started.");

    public async ValueTask InitializeAsync()
    {
        using var building = new CancellationTokenSource(BuildTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(Settings, building.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        // The testing builder points projects at an OTLP endpoint that nobody serves; their exporters then
        // hold every shutdown for seconds. Telemetry is not what these tests look at.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }

        // The clickstream processor, too, takes over a dead consumer's entries after 5 s: a test plays that consumer.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(project => project.Name == "analytics"))
            .WithEnvironment("Analytics__Processor__ClaimIdleAfter", "00:00:05");

        app = await builder.BuildAsync(building.Token);
        watching = WatchReplicasAsync(app.ResourceNotifications, stopping.Token);
        try
        {
            await app.StartAndWaitForAllResourcesHealthyAsync(HealthyTimeout);
        }
        catch
        {
            // xunit does not dispose a fixture that failed to initialize; the servers must not outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (watching is not null)
        {
            await watching;
        }

        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    /// <summary>The latest state of each replica of the resource.</summary>
    public IReadOnlyList<ResourceEvent> ReplicasOf(string resourceName) => [.. replicas.Values.Where(replica => replica.Resource.Name == resourceName)];

    private async Task WatchReplicasAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                replicas[update.ResourceId] = update;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A client of the resource's endpoint; with a token, every request carries it as a bearer.</summary>
    public HttpClient CreateHttpClient(string resourceName, string? token = null)
    {
        var client = App.CreateHttpClient(resourceName);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    public async Task<string> GetConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"'{resourceName}' has no connection string.");
}
