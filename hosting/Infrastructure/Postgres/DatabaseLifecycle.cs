using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Store.Hosting.Infrastructure.Postgres;

/// <summary>
/// Creates a process-mode server's databases once it is healthy, and keeps their state in the dashboard in step
/// with the server's: Aspire does this for databases of containers only.
/// </summary>
internal static class DatabaseLifecycle
{
    public static void FollowServer(IDistributedApplicationBuilder builder, PostgresServerProcessResource server)
    {
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (@event, _) =>
            PublishAsync(@event.Services, server, KnownResourceStates.Starting));

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            foreach (var database in Databases(@event.Services, server))
            {
                await CreateIfMissingAsync(connection, database.DatabaseName, cancellationToken).ConfigureAwait(false);
                await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                    StopTimeStamp = null,
                }).ConfigureAwait(false);
            }
        });

        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, (@event, _) =>
            PublishAsync(@event.Services, server, KnownResourceStates.Exited));
    }

    internal static async Task CreateIfMissingAsync(NpgsqlConnection connection, string databaseName, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = databaseName } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        // CREATE DATABASE takes no parameters: the name is quoted as an identifier instead.
        var quoted = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
#pragma warning disable CA2100 // The only variable part is a quoted identifier.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
#pragma warning restore CA2100
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task PublishAsync(IServiceProvider services, PostgresServerProcessResource server, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in Databases(services, server))
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with { State = state }).ConfigureAwait(false);
        }
    }

    private static IEnumerable<PostgresDatabaseProcessResource> Databases(IServiceProvider services, PostgresServerProcessResource server) =>
        services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<PostgresDatabaseProcessResource>()
            .Where(database => database.Parent == server);
}
