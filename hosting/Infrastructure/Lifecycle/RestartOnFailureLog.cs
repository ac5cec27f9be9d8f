using Microsoft.Extensions.Logging;

namespace Store.Hosting.Infrastructure.Lifecycle;

internal static partial class RestartOnFailureLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; starting it again in {DelaySeconds} s (restart {Restart}).")]
    public static partial void Restarting(this ILogger logger, string resource, int exitCode, double delaySeconds, int restart);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} exited with code {ExitCode}, its {Limit}th crash in a row soon after starting; it stays stopped. Its log above says why; Start it from the dashboard once fixed.")]
    public static partial void GaveUp(this ILogger logger, string resource, int exitCode, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting {Resource} again failed: {Reason}")]
    public static partial void RestartFailed(this ILogger logger, string resource, string? reason);
}
