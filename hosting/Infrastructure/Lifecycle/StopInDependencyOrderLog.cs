using Microsoft.Extensions.Logging;

namespace Store.Hosting.Infrastructure.Lifecycle;

internal static partial class StopInDependencyOrderLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping {Resource} before what it depends on failed ({Reason}); the orchestrator stops it with the rest.")]
    public static partial void StopFailed(this ILogger logger, string resource, string? reason);
}
