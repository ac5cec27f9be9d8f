using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// Creates the databases a service uses before it starts, as Aspire does locally: a short-lived <c>psql</c>
/// container in the service's task that the service container waits on. It is idempotent and tolerates the
/// replicas racing each other. It uses the master credentials the app model already hands the service.
/// </summary>
internal static class DatabaseCreation
{
    public const string Image = "public.ecr.aws/docker/library/postgres:17-alpine";

    private const string Script = """
        set -eu
        exists() { [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }
        for db in $DATABASES; do
          exists "$db" || psql -d postgres -c "CREATE DATABASE \"$db\"" || exists "$db"
        done
        """;

    public static ContainerDefinition AddTo(FargateTaskDefinition task, PostgresOnRds server, IEnumerable<PostgresDatabaseResource> databases, ILogGroup logs) =>
        task.AddContainer($"create-{server.Server.Name}-databases", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(Image),
            Essential = false,
            MemoryReservationMiB = 64,
            EntryPoint = ["/bin/sh", "-c"],
            Command = [Script],
            Environment = new Dictionary<string, string>
            {
                ["DATABASES"] = string.Join(' ', databases.Select(database => database.DatabaseName).Distinct()),
                ["PGHOST"] = server.Instance.DbInstanceEndpointAddress,
                ["PGPORT"] = server.Instance.DbInstanceEndpointPort,
                ["PGUSER"] = server.UserName,
                ["PGSSLMODE"] = "require",
            },
            Secrets = new Dictionary<string, Secret> { ["PGPASSWORD"] = Secret.FromSecretsManager(server.Instance.Secret!, "password") },
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = "create-databases" }),
        });
}
