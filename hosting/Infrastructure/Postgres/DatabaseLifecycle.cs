using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = MirrorServerStateAsync(@event.Services, server, stopping);
            return Task.CompletedTask;
        });

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
    }

    /// <summary>
    /// A server that starts shows its databases as starting; one that fails or stops takes them down with it, so
    /// whatever waits for a database fails at once instead of waiting forever.
    /// </summary>
    private static async Task MirrorServerStateAsync(IServiceProvider services, PostgresServerProcessResource server, CancellationToken stopping)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping).ConfigureAwait(false))
            {
                if (update.Resource != server || update.Snapshot.State?.Text is not { } state)
                {
                    continue;
                }

                if (state == KnownResourceStates.Starting)
                {
                    await PublishAsync(notifications, services, server, _ => KnownResourceStates.Starting).ConfigureAwait(false);
                }
                else if (KnownResourceStates.TerminalStates.Contains(state))
                {
                    // A database that never ran failed to start; one that ran has stopped.
                    await PublishAsync(notifications, services, server, database =>
                        database.State?.Text == KnownResourceStates.Running ? KnownResourceStates.Exited : KnownResourceStates.FailedToStart).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
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

    private static async Task PublishAsync(ResourceNotificationService notifications, IServiceProvider services, PostgresServerProcessResource server, Func<CustomResourceSnapshot, string> state)
    {
        foreach (var database in Databases(services, server))
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with { State = state(snapshot) }).ConfigureAwait(false);
        }
    }

    private static IEnumerable<PostgresDatabaseProcessResource> Databases(IServiceProvider services, PostgresServerProcessResource server) =>
        services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<PostgresDatabaseProcessResource>()
            .Where(database => database.Parent == server);
}
