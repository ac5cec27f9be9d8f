using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// The AWS Distro for OpenTelemetry collector beside each service: the service exports OTLP to it over the task's
/// localhost (as it does to the dashboard locally); traces go to X-Ray, metrics to CloudWatch as embedded metric
/// format, logs to the service's log group.
/// </summary>
internal static class TelemetryCollector
{
    // Pinned: a moving tag would change what runs without a change to the template.
    public const string Image = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0";
    public const string OtlpEndpoint = "http://localhost:4317";

    /// <summary>What the service itself is told, in place of the dashboard's OTLP endpoint.</summary>
    public static IReadOnlyDictionary<string, string> ServiceEnvironment(string serviceName) => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        ["OTEL_SERVICE_NAME"] = serviceName,
    };

    public static void AddTo(FargateTaskDefinition task, string serviceName, string metricsNamespace, ILogGroup serviceLogs, ILogGroup metricsLogs)
    {
        task.AddContainer("otel-collector", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(Image),
            // Telemetry must not take the service down with it: the task keeps serving if the collector stops.
            Essential = false,
            Cpu = 64,
            MemoryReservationMiB = 128,
            Environment = new Dictionary<string, string> { ["AOT_CONFIG_CONTENT"] = Configuration(serviceName, metricsNamespace, serviceLogs.LogGroupName, metricsLogs.LogGroupName) },
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = serviceLogs, StreamPrefix = "otel-collector" }),
        });

        task.AddToTaskRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "XRayTraces",
            Actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
            Resources = ["*"],
        }));
        task.AddToTaskRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "OtlpLogsAndMetrics",
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resources = [serviceLogs.LogGroupArn, metricsLogs.LogGroupArn],
        }));
    }

    private static string Configuration(string serviceName, string metricsNamespace, string serviceLogGroup, string metricsLogGroup) => $$"""
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: 127.0.0.1:4317
        processors:
          resourcedetection:
            detectors: [env, ecs]
          batch:
            timeout: 2s
        exporters:
          awsxray:
            indexed_attributes: [otel.resource.service.name]
          awsemf:
            namespace: {{metricsNamespace}}
            log_group_name: {{metricsLogGroup}}
            log_stream_name: {{serviceName}}
            dimension_rollup_option: NoDimensionRollup
          awscloudwatchlogs:
            log_group_name: {{serviceLogGroup}}
            log_stream_name: otlp
        service:
          pipelines:
            traces:
              receivers: [otlp]
              processors: [resourcedetection, batch]
              exporters: [awsxray]
            metrics:
              receivers: [otlp]
              processors: [resourcedetection, batch]
              exporters: [awsemf]
            logs:
              receivers: [otlp]
              processors: [resourcedetection, batch]
              exporters: [awscloudwatchlogs]
        """;
}
