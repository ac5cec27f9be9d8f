using Amazon.CDK.AWS.Logs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>What every Fargate service shares: the network, the stack's values, the image source, the stores, telemetry sinks.</summary>
internal sealed record ServiceContext(
    Network Network,
    ICloudTargets Targets,
    string ImageSource,
    string SourceRoot,
    IReadOnlyList<PostgresOnRds> Postgres,
    RetentionDays LogRetention,
    string MetricsNamespace,
    ILogGroup MetricsLogs);
