namespace Store.Messaging;

/// <summary>How long a client refused for a backlog is asked to wait before sending the same work again.</summary>
public static class BacklogRetryAfter
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A tenth of how long the oldest waiting entry has waited, between 1 and 30 s: clients come back sooner to
    /// consumers a little behind than to ones far behind, and spread out rather than return all at once.
    /// </summary>
    public static TimeSpan For(TimeSpan backlogAge)
    {
        var wait = backlogAge / 10;
        return wait < Shortest ? Shortest : wait > Longest ? Longest : wait;
    }
}
