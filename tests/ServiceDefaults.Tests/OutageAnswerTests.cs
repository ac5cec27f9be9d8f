using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using Store.Data;
using Store.ServiceDefaults.Outages;

namespace Store.ServiceDefaults.Tests;

/// <summary>
/// A service host with the defaults and real Npgsql and StackExchange.Redis clients, configured as the services
/// configure them, pointed at a port nobody listens on or at a server that accepts connections and never answers.
/// </summary>
public sealed class OutageAnswerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Cases => new()
    {
        { "/postgres", "closed" },
        { "/postgres", "silent" },
        { "/redis", "closed" },
        { "/redis", "silent" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_dependency_that_is_away_is_answered_503_with_Retry_After_in_problem_details_and_one_warning(string path, string server)
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // The kernel completes connections into its backlog; nobody ever reads from them.
        var port = server == "silent" ? ((IPEndPoint)silent.LocalEndpoint).Port : ClosedPort();
        await using var app = await StartAsync(port);

        using var response = await app.GetTestClient().GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(path, problem.RootElement.GetProperty("instance").GetString());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);

        var logs = app.Services.GetFakeLogCollector().GetSnapshot();
        // The clients may log their own connection failures; the request's failure is one warning, not an error.
        Assert.DoesNotContain(logs, record => record.Level >= LogLevel.Error && record.Category?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
        var warning = Assert.Single(logs, record => record.Category == typeof(DependencyOutageHandler).FullName);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.Contains(path == "/postgres" ? DependencyOutage.Postgres : DependencyOutage.Redis, warning.Message, StringComparison.Ordinal);
    }

    /// <summary>How long a request waits for a dependency that is away is the clients' settings, not the machine's speed.</summary>
    [Fact]
    public async Task Both_clients_wait_at_most_two_seconds_for_a_dependency_that_does_not_answer()
    {
        await using var app = await StartAsync(ClosedPort());

        var postgres = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var redis = ConfigurationOptions.Parse(app.Services.GetRequiredService<IConnectionMultiplexer>().Configuration);

        Assert.Equal(2, postgres.Timeout);
        Assert.Equal(2_000, redis.ConnectTimeout);
        Assert.Equal(1, redis.ConnectRetry);
        Assert.Equal(2_000, redis.AsyncTimeout);
        Assert.Equal(2_000, redis.SyncTimeout);
    }

    [Fact]
    public async Task Other_failures_still_answer_500_without_details()
    {
        await using var app = await StartAsync(ClosedPort());

        using var response = await app.GetTestClient().GetAsync("/bug", Cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        Assert.DoesNotContain("a bug", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.Configuration["ConnectionStrings:db"] = $"Host=127.0.0.1;Port={port};Username=store;Password=store;Database=store";
        builder.Configuration["ConnectionStrings:cache"] = $"127.0.0.1:{port}";
        builder.Services.AddDefaultProblemDetails();
        builder.Services.AddFailFastRedisClients();
        builder.AddServiceDatabase("db");
        builder.AddRedisClient("cache");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/postgres", async (NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            await using var query = database.CreateCommand("SELECT 1");
            return Results.Ok(await query.ExecuteScalarAsync(cancellationToken));
        });
        app.MapGet("/redis", async (IConnectionMultiplexer redis) => Results.Ok((string?)await redis.GetDatabase().StringGetAsync("key")));
        app.MapGet("/bug", IResult () => throw new InvalidOperationException("a bug"));
        await app.StartAsync(Cancellation);
        return app;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
