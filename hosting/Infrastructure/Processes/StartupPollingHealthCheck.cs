using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store.Hosting.Infrastructure.Processes;

/// <summary>
/// Re-runs an unhealthy check every 100 ms for a short while before giving up. Aspire waits one, two, then three
/// seconds between failed checks, so a server that becomes ready just after a failed check would hold its
/// dependents back for seconds; polling answers within 100 ms of the server being ready.
/// </summary>
internal sealed class StartupPollingHealthCheck(IHealthCheck inner) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            HealthCheckResult result;
            try
            {
                result = await inner.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                result = new HealthCheckResult(context.Registration.FailureStatus, exception: exception);
            }

            if (result.Status == HealthStatus.Healthy || Stopwatch.GetElapsedTime(started) >= Patience)
            {
                return result;
            }

            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
