using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store.Hosting.Infrastructure.Lifecycle;

/// <summary>
/// Re-runs a failing check every 100 ms for a few seconds before reporting it. Aspire waits one, two, three, four,
/// then five seconds between failed checks, so a resource that became ready just after one would hold back its
/// dependents, and the whole start, for seconds; polling answers within 100 ms of it being ready.
/// </summary>
internal sealed class PollingHealthCheck(IHealthCheck inner) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Makes the registered check poll while it fails; a check that already polls is left as it is.</summary>
    public static void Wrap(HealthCheckRegistration registration)
    {
        var factory = registration.Factory;
        registration.Factory = provider => factory(provider) switch
        {
            PollingHealthCheck polling => polling,
            var check => new PollingHealthCheck(check),
        };
    }

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
