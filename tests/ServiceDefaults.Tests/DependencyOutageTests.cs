using System.Net.Sockets;
using Npgsql;
using StackExchange.Redis;
using Store.ServiceDefaults.Outages;

namespace Store.ServiceDefaults.Tests;

/// <summary>Which failures mean "Postgres or Redis is away" (503) and which do not (they stay 500 or their own answer).</summary>
public sealed class DependencyOutageTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is stopping (fast shutdown, restart)
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: starting up, shutting down, recovering
    [InlineData("53300")] // too_many_connections
    [InlineData("08000")]
    [InlineData("08001")]
    [InlineData("08003")]
    [InlineData("08004")]
    [InlineData("08006")]
    [InlineData("08007")] // transaction_resolution_unknown: the commit's outcome is unknown
    public void A_server_that_cannot_serve_now_is_an_outage_of_Postgres(string sqlState) =>
        Assert.Equal(DependencyOutage.Postgres, DependencyOutage.Of(Postgres(sqlState))?.Dependency);

    [Theory]
    [InlineData("23505")] // unique_violation: the request's own conflict
    [InlineData("40001")] // serialization_failure: a conflict between requests, not an outage
    [InlineData("40P01")] // deadlock_detected
    [InlineData("42P01")] // undefined_table: a bug
    [InlineData("57014")] // query_canceled
    [InlineData("08P01")] // protocol_violation: a bug, not the network
    public void Other_server_errors_are_not_outages(string sqlState) =>
        Assert.Null(DependencyOutage.Of(Postgres(sqlState)));

    public static TheoryData<Exception> NpgsqlOutages => new()
    {
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        new NpgsqlException("Exception while writing to stream", new IOException("Broken pipe")),
        new NpgsqlException("The connection pool has been exhausted", new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(NpgsqlOutages))]
    public void Refused_broken_and_timed_out_connections_are_outages_of_Postgres(Exception exception) =>
        Assert.Equal(DependencyOutage.Postgres, DependencyOutage.Of(exception)?.Dependency);

    public static TheoryData<Exception> RedisOutages => new()
    {
        new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is active/available to service this operation"),
        new RedisConnectionException(ConnectionFailureType.SocketClosed, "SocketClosed on 127.0.0.1:6379/Interactive", null, CommandStatus.Sent),
        new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent),
        new RedisServerException("LOADING Redis is loading the dataset in memory"),
    };

    [Theory]
    [MemberData(nameof(RedisOutages))]
    public void Lost_connections_timeouts_and_a_loading_server_are_outages_of_Redis(Exception exception) =>
        Assert.Equal(DependencyOutage.Redis, DependencyOutage.Of(exception)?.Dependency);

    public static TheoryData<Exception> NotOutages => new()
    {
        new NpgsqlException("A command is already in progress"),
        new RedisServerException("NOSCRIPT No matching script"),
        new RedisServerException("WRONGTYPE Operation against a key holding the wrong kind of value"),
        new InvalidOperationException("A bug"),
        new TimeoutException("Something else timed out"),
        new OperationCanceledException(),
    };

    [Theory]
    [MemberData(nameof(NotOutages))]
    public void Other_failures_are_not_outages(Exception exception) => Assert.Null(DependencyOutage.Of(exception));

    [Fact]
    public void An_outage_is_found_inside_the_exceptions_that_wrap_it()
    {
        var refused = new RedisConnectionException(ConnectionFailureType.UnableToConnect, "refused");

        var outage = DependencyOutage.Of(new InvalidOperationException("wrapper", new AggregateException(new FormatException(), refused)));

        Assert.Equal(new DependencyOutage(DependencyOutage.Redis, refused), outage);
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
