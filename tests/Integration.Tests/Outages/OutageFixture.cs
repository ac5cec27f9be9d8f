using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Store.Integration.Tests.Ordering;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Outages;

/// <summary>
/// Ordering and analytics, as the AppHost runs them, on a Postgres and a Redis bus of their own that the tests stop and
/// start, so the shared app (<see cref="StoreAppFixture"/>) never sees an outage. No catalog or payments run: the
/// requests ordering publishes stay unread until a test drains them (<see cref="DrainOrderRequestsAsync"/>), which is
/// how a test builds a real backlog. The saga's steps get ten minutes, so no timeout adds to the requests meanwhile.
/// </summary>
public sealed class OutageFixture : IAsyncLifetime
{
    private static readonly string[] RequestReaders = ["catalog", "payments"];
    private static readonly HashSet<string> Unneeded = ["catalog", "payments", "gateway", "cache", "catalogdb", "paymentsdb"];

    private DistributedApplication? app;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The outage app has not started.");

    public async ValueTask InitializeAsync()
    {
        app = await TestAppHost.StartAsync([$"--Parameters:token-signing-key={TestTokens.SigningKey}"], builder =>
        {
            // The AppHost's model, less what these tests do not need: ordering and analytics keep their databases and the bus.
            foreach (var resource in builder.Resources.Where(resource => Unneeded.Contains(resource.Name)).ToList())
            {
                builder.Resources.Remove(resource);
            }

            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(project => project.Name == "ordering"))
                .WithEnvironment("Ordering__Saga__StockTimeout", "00:10:00")
                .WithEnvironment("Ordering__Saga__PaymentTimeout", "00:10:00");
        });
        await DrainOrderRequestsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await TestAppHost.StopAsync(app);
            app = null;
        }
    }

    /// <summary>A customer of its own, ordering through a plain client, with no backlog left by earlier tests.</summary>
    internal async Task<OrderingApi> NewCustomerAsync(string prefix)
    {
        await DrainOrderRequestsAsync();
        return new OrderingApi(CreateHttpClient("ordering"), $"{prefix}-{Guid.NewGuid():N}");
    }

    /// <summary>A plain client of the service: no retries between the test and the answer it checks.</summary>
    public HttpClient CreateHttpClient(string service) => new() { BaseAddress = App.GetEndpoint(service, "http") };

    /// <summary>Marks every request ordering has published as read by the catalog's and payments' groups: the backlog is empty.</summary>
    public async Task DrainOrderRequestsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await App.GetConnectionStringAsync("bus", TestContext.Current.CancellationToken) ?? "");
        var database = redis.GetDatabase();
        foreach (var group in RequestReaders)
        {
            try
            {
                await database.StreamCreateConsumerGroupAsync("events:ordering", group, "$", createStream: true);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                await database.ExecuteAsync("XGROUP", "SETID", "events:ordering", group, "$");
            }
        }
    }

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
