using Microsoft.Extensions.Logging;

namespace Store.Data;

/// <summary>
/// Work a service repeats against its database: once the database is migrated, then every interval. A failed round
/// is logged and tried again at the next interval; stopping the service ends the loop quietly.
/// </summary>
/// <param name="work">What the work is, for the failure log ("the archive's retention").</param>
public abstract partial class PeriodicDatabaseWork(string work, TimeSpan interval, DatabaseReadiness database, TimeProvider clock, ILogger logger)
    : BackgroundService
{
    /// <summary>The clock the rounds are timed by; the work reads "now" from it too.</summary>
    protected TimeProvider Clock => clock;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, work, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying {Work} failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, string work, Exception exception);
}
