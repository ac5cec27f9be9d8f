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
    /// longer than the slowest handler the tests run (tok_slow_1500).
    /// </summary>
    private static readonly string[] Settings = ["--Messaging:ClaimIdleAfter=00:00:05", $"--Parameters:token-signing-key={TestTokens.SigningKey}"];

    private DistributedApplication? app;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The AppHost has not started.");

    public async ValueTask InitializeAsync() =>
        app = await TestAppHost.StartAsync(Settings, builder =>
            // The clickstream processor, too, takes over a dead consumer's entries after 5 s: a test plays that consumer.
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(project => project.Name == "analytics"))
                .WithEnvironment("Analytics__Processor__ClaimIdleAfter", "00:00:05"));

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await TestAppHost.StopAsync(app);
            app = null;
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
