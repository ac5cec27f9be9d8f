using Npgsql;

namespace Store.Data;

public static class ServiceDatabaseExtensions
{
    /// <summary>Statements a connection keeps prepared; the services' hot paths use a few dozen distinct ones.</summary>
    private const int PreparedStatements = 100;

    /// <summary>
    /// Seconds to wait for a connection, whether opening one or waiting for a free one in the pool. A Postgres that is
    /// stopped or restarting refuses at once; one that is unreachable, or a pool held by work that cannot finish, is
    /// given this long before the request is answered 503 (Npgsql's default, 15 s, outlasts most clients' patience).
    /// </summary>
    private const int ConnectionTimeoutSeconds = 2;

    /// <summary>
    /// The service's own database through Aspire's Npgsql client (health check, traces, metrics), with statements
    /// prepared automatically once a connection has run them twice: Postgres then skips parsing and planning them,
    /// which is most of its work on the short statements of the order flow. Connections go back to the pool without
    /// Npgsql's reset (seven statements of <c>DISCARD ALL</c>'s work, sent ahead of the next query): no service leaves
    /// session state behind, so the reset was a third of Postgres's statements in the order flow. A connection string
    /// that sets <c>Max Auto Prepare</c>, <c>Timeout</c> or <c>No Reset On Close</c> itself keeps its value.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(this IHostApplicationBuilder builder, string connectionName)
    {
        var driverDefaults = new NpgsqlConnectionStringBuilder();
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource =>
        {
            var connection = dataSource.ConnectionStringBuilder;
            if (connection.MaxAutoPrepare == driverDefaults.MaxAutoPrepare)
            {
                connection.MaxAutoPrepare = PreparedStatements;
            }

            if (connection.NoResetOnClose == driverDefaults.NoResetOnClose)
            {
                connection.NoResetOnClose = true;
            }

            if (connection.Timeout == driverDefaults.Timeout)
            {
                connection.Timeout = ConnectionTimeoutSeconds;
            }
        });
        return builder;
    }
}
