using Npgsql;
using StackExchange.Redis;

namespace Store.ServiceDefaults.Outages;

/// <summary>
/// An exception that says a server the service depends on is away — stopped, restarting, unreachable or out of
/// connections — rather than that the request or the code is wrong. Such a request deserves "try again shortly"
/// (503), never "something broke" (500).
/// </summary>
/// <param name="Dependency">What is away, as operators name it: <c>PostgreSQL</c> or <c>Redis</c>.</param>
/// <param name="Cause">The exception that said so, possibly inside the one thrown.</param>
public sealed record DependencyOutage(string Dependency, Exception Cause)
{
    public const string Postgres = "PostgreSQL";
    public const string Redis = "Redis";

    /// <summary>
    /// Server answers that mean "not now": it is shutting down or crashed (57P01, 57P02), starting up or recovering
    /// (57P03), out of connection slots (53300), or the connection failed (class 08; 08P01, a protocol violation,
    /// is a bug and stays out). Serialization failures and deadlocks are transient too, but they are conflicts
    /// between requests, not an outage, and stay out as well.
    /// </summary>
    private static readonly HashSet<string> PostgresUnavailable = new(StringComparer.Ordinal)
    {
        PostgresErrorCodes.AdminShutdown,
        PostgresErrorCodes.CrashShutdown,
        PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections,
        PostgresErrorCodes.ConnectionException,
        PostgresErrorCodes.ConnectionDoesNotExist,
        PostgresErrorCodes.ConnectionFailure,
        PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection,
        PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection,
        PostgresErrorCodes.TransactionResolutionUnknown,
    };

    /// <summary>The outage <paramref name="exception"/> reports, looking through wrappers; null for any other failure.</summary>
    public static DependencyOutage? Of(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Classify(current) is { } dependency)
            {
                return new DependencyOutage(dependency, current);
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(Of).FirstOrDefault(found => found is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static string? Classify(Exception exception) => exception switch
    {
        PostgresException postgres => PostgresUnavailable.Contains(postgres.SqlState) ? Postgres : null,
        // Without a server answer: refused or broken connections, connect and pool timeouts (Npgsql marks these transient
        // by their socket, I/O or timeout cause).
        NpgsqlException { IsTransient: true } => Postgres,
        RedisConnectionException or RedisTimeoutException => Redis,
        // A restarted Redis answers LOADING until its append-only file is read back.
        RedisServerException loading when loading.Message.StartsWith("LOADING", StringComparison.Ordinal) => Redis,
        _ => null,
    };
}
