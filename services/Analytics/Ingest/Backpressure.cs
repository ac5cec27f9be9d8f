namespace Store.Analytics.Ingest;

/// <summary>When the ingest endpoint refuses new batches rather than let the processor's backlog grow without bound.</summary>
internal static class Backpressure
{
    private static readonly TimeSpan ShortestWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Null while the backlog and the lag are within bounds; otherwise how long to wait: a tenth of the lag, so clients
    /// return sooner to a processor a little behind than to one far behind.
    /// </summary>
    public static TimeSpan? RetryAfter(long backlog, TimeSpan lag, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (backlog <= options.MaxBacklog && lag <= options.MaxLag)
        {
            return null;
        }

        var wait = lag / 10;
        return wait < ShortestWait ? ShortestWait : wait > LongestWait ? LongestWait : wait;
    }
}
