using Microsoft.Extensions.DependencyInjection;
using Store.Integration.Tests.Ordering;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Outages;

/// <summary>
/// Ordering and analytics, as the AppHost runs them, on a Postgres and a Redis bus of their own that the tests stop and
/// start, so the shared app (<see cref="StoreAppFixture"/>) never sees an outage. Catalog and payments do not run:
/// <see cref="Requests"/> reads ordering's requests and never answers, so every order times out, after 3 s here, and
/// a test builds a real backlog by pausing it.
/// </summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(3);

    private static readonly HashSet<string> Unneeded = ["catalog", "payments", "gateway", "cache", "catalogdb", "paymentsdb"];

    private DistributedApplication? app;
    private SilentServices? requests;
    private TestIssuer? issuer;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The outage app has not started.");

    internal SilentServices Requests => requests ?? throw new InvalidOperationException("The outage app has not started.");

    public async ValueTask InitializeAsync()
    {
        issuer = TestIssuer.Start();
        var issuerAddress = issuer.Address.ToString();
        app = await TestAppHost.StartAsync([$"--Parameters:identity-signing-key={TestTokens.SigningKeyPem}"], builder =>
        {
            // The AppHost's model, less what these tests do not need: ordering and analytics keep their databases and the bus.
            foreach (var resource in builder.Resources.Where(resource => Unneeded.Contains(resource.Name)).ToList())
            {
                builder.Resources.Remove(resource);
            }

            // Without the gateway, the services find their token issuer where the tests serve its keys.
            foreach (var project in builder.Resources.OfType<ProjectResource>())
            {
                builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables["services__gateway__http__0"] = issuerAddress);
            }

            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(project => project.Name == "ordering"))
                .WithEnvironment("Ordering__Saga__StockTimeout", StepTimeout.ToString())
                .WithEnvironment("Ordering__Saga__PaymentTimeout", StepTimeout.ToString());
        });
        requests = await SilentServices.StartAsync(await BusConnectionStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (requests is not null)
        {
            await requests.DisposeAsync();
            requests = null;
        }

        if (app is not null)
        {
            await TestAppHost.StopAsync(app);
            app = null;
        }

        if (issuer is not null)
        {
            await issuer.DisposeAsync();
            issuer = null;
        }
    }

    /// <summary>A customer of its own, ordering through a plain client.</summary>
    internal OrderingApi NewCustomer(string prefix) => new(CreateHttpClient("ordering"), $"{prefix}-{Guid.NewGuid():N}");

    public async Task<string> BusConnectionStringAsync() =>
        await App.GetConnectionStringAsync("bus", TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("The bus has no connection string.");

    /// <summary>A plain client of the service: no retries between the test and the answer it checks.</summary>
    public HttpClient CreateHttpClient(string service) => new() { BaseAddress = App.GetEndpoint(service, "http") };

    /// <summary>Stops <paramref name="resource"/> and returns once it is down.</summary>
    public async Task StopAsync(string resource)
    {
        var stopped = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, TestContext.Current.CancellationToken);
        Assert.True(stopped.Success, stopped.Message);
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, TestContext.Current.CancellationToken);
    }

    /// <summary>Starts <paramref name="resource"/> again and returns once it is healthy.</summary>
    public async Task StartAsync(string resource)
    {
        var started = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, TestContext.Current.CancellationToken);
        Assert.True(started.Success, started.Message);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, TestContext.Current.CancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class OutageApp : ICollectionFixture<OutageFixture>
{
    public const string Name = "Outages";
}
