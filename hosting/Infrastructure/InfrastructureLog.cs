using Microsoft.Extensions.Logging;

namespace Store.Hosting.Infrastructure;

internal static partial class InfrastructureLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Infrastructure runs as {Mode}: {Reason}.")]
    public static partial void InfrastructureChosen(this ILogger logger, InfrastructureMode mode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource}: {Problem}")]
    public static partial void InfrastructureProblem(this ILogger logger, string resource, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void ClusterOutput(this ILogger logger, string line);
}
