using Microsoft.Extensions.Logging;

namespace Store.Hosting.Aws.Publishing;

internal static partial class PublishingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Service}: left out (HTTPS endpoints are not served inside the VPC): {Variables}")]
    public static partial void HttpsVariablesDropped(this ILogger logger, string service, IReadOnlyList<string> variables);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synthesized stack {Stack}: {Services} Fargate services, {Postgres} RDS instances, {Redis} ElastiCache groups, into {Output}")]
    public static partial void Synthesized(this ILogger logger, string stack, int services, int postgres, int redis, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "cdk: {Line}")]
    public static partial void CdkOutput(this ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Verdict}")]
    public static partial void BootstrapChecked(this ILogger logger, string verdict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Verdict} cdk deploy checks it again itself.")]
    public static partial void BootstrapNotChecked(this ILogger logger, string verdict);
}
