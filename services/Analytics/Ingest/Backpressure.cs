using Store.Messaging;

namespace Store.Analytics.Ingest;

/// <summary>When the ingest endpoint refuses new batches rather than let the processor's backlog grow without bound.</summary>
internal static class Backpressure
{
    /// <summary>Null while the backlog and the lag are within bounds; otherwise how long to wait (<see cref="BacklogRetryAfter"/>).</summary>
    public static TimeSpan? RetryAfter(long backlog, TimeSpan lag, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return backlog <= options.MaxBacklog && lag <= options.MaxLag ? null : BacklogRetryAfter.For(lag);
    }
}
