namespace Store.Data;

public static class ServiceDatabaseExtensions
{
    /// <summary>Statements a connection keeps prepared; the services' hot paths use a few dozen distinct ones.</summary>
    private const int PreparedStatements = 100;

    /// <summary>
    /// The service's own database through Aspire's Npgsql client (health check, traces, metrics), with statements
    /// prepared automatically once a connection has run them twice: Postgres then skips parsing and planning them,
    /// which is most of its work on the short statements of the order flow. A connection string that sets
    /// <c>Max Auto Prepare</c> itself keeps its value.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource =>
        {
            if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                dataSource.ConnectionStringBuilder.MaxAutoPrepare = PreparedStatements;
            }
        });
        return builder;
    }
}
