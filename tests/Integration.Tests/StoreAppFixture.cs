using System.Collections.Concurrent;
using Store.Integration.Tests.Security;

[assembly: AssemblyFixture(typeof(Store.Integration.Tests.StoreAppFixture))]

namespace Store.Integration.Tests;

/// <summary>
/// The real AppHost, started once for the whole assembly, with every resource healthy before the first test runs.
/// Infrastructure:Mode stays 'auto', so the suite runs on containers where Docker answers and on local processes here.
/// </summary>
public sealed class StoreAppFixture : IAsyncLifetime
{
    /// <summary>
    /// The bus takes over a dead consumer's messages after 5 s rather than 15: the crash tests wait for it. It must stay
    /// longer than the slowest handler the tests run (tok_slow_1500). The services run as many replicas as when
    /// deployed (F5 starts one of each): the takeover, crash and cache tests need a second one.
    /// </summary>
    private static readonly string[] Settings =
    [
        "--Messaging:ClaimIdleAfter=00:00:05",
        $"--Parameters:identity-signing-key={TestTokens.SigningKeyPem}",
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
        app = await TestAppHost.StartAsync(Settings, builder =>
            // The clickstream processor, too, takes over a dead consumer's entries after 5 s: a test plays that consumer.
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(project => project.Name == "analytics"))
                .WithEnvironment("Analytics__Processor__ClaimIdleAfter", "00:00:05"));
        watching = WatchReplicasAsync(app.ResourceNotifications, stopping.Token);
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
            await TestAppHost.StopAsync(app);
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
