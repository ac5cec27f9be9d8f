using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// Holds a service back until its databases exist and its role can log in to them, as <c>WaitFor</c> does locally:
/// a short-lived <c>psql</c> container in the service's task, with the role's own secret, that the service container
/// waits on. <see cref="DatabaseSetup"/>'s task runs at the same time; five minutes without a login fail the task.
/// </summary>
internal static class DatabaseReadiness
{
    public const string Script = """
        set -eu
        for db in $DATABASES; do
          tries=60
          until psql -d "$db" -tAc 'SELECT 1' >/dev/null 2>&1; do
            tries=$((tries - 1))
            [ "$tries" -gt 0 ] || exec psql -d "$db" -tAc 'SELECT 1'
            sleep 5
          done
        done
        """;

    public static ContainerDefinition AddTo(FargateTaskDefinition task, DatabaseRole role, ILogGroup logs) =>
        task.AddContainer($"wait-for-{role.Server.Server.Name}", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(PostgresOnRds.ClientImage),
            Essential = false,
            MemoryReservationMiB = 64,
            EntryPoint = ["/bin/sh", "-c"],
            Command = [Script],
            Environment = new Dictionary<string, string>(role.Server.ClientEnvironment(role.Name))
            {
                ["DATABASES"] = string.Join(' ', role.Databases.Select(database => database.DatabaseName)),
            },
            Secrets = new Dictionary<string, Secret> { ["PGPASSWORD"] = Secret.FromSecretsManager(role.Secret, "password") },
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = "wait-for-database" }),
        });
}
