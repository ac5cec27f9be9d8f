using Npgsql;
using StackExchange.Redis;

namespace Store.Integration.Tests;

public sealed class InfrastructureTests(StoreAppFixture store)
{
    [Fact]
    public async Task Redis_answers_with_its_password_and_persists_to_an_append_only_file()
    {
        var connectionString = await store.GetConnectionStringAsync("cache");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");

        var server = redis.GetServers().Single();
        Assert.Equal("yes", server.ConfigGet("appendonly").Single().Value);
        Assert.Equal("everysec", server.ConfigGet("appendfsync").Single().Value);
        Assert.True(await redis.GetDatabase().PingAsync() > TimeSpan.Zero);
    }

    [Fact]
    public async Task Redis_refuses_a_client_without_the_password()
    {
        // Plain RESP over TCP: what any client sends before it authenticates.
        var endpoint = (System.Net.DnsEndPoint)ConfigurationOptions.Parse(await store.GetConnectionStringAsync("cache")).EndPoints.Single();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, TestContext.Current.CancellationToken);
        await using var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);

        using var reader = new StreamReader(stream);
        var reply = await reader.ReadLineAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("-NOAUTH", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_serves_the_catalog_database_to_its_password()
    {
        var connectionString = await store.GetConnectionStringAsync("catalogdb");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("catalogdb", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));

        var withoutPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = "wrong" };
        await using var refused = new NpgsqlConnection(withoutPassword.ConnectionString);
        await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("cache")]
    [InlineData("postgres")]
    [InlineData("catalogdb")]
    [InlineData("catalog")]
    [InlineData("bus")]
    [InlineData("orderingdb")]
    [InlineData("paymentsdb")]
    [InlineData("ordering")]
    [InlineData("payments")]
    [InlineData("analyticsdb")]
    [InlineData("analytics")]
    [InlineData("gateway")]
    public async Task Every_resource_reports_healthy(string resource)
    {
        // Already healthy when the fixture handed over, so this answers at once; with replicas, it means every one.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));

        var state = await store.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
    }
}
