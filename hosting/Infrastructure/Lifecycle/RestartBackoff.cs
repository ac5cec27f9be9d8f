namespace Store.Hosting.Infrastructure.Lifecycle;

/// <summary>
/// When to start again a process that died: at once at first, then twice as long after each crash that came soon
/// after its start, and not at all once it has crashed that way <see cref="Limit"/> times in a row, since a process
/// that cannot stay up would otherwise be restarted forever and bury its own first error in the log.
/// </summary>
internal static class RestartBackoff
{
    public const int Limit = 5;

    /// <summary>A process that ran this long before it died was healthy: its crash count starts over.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait before the given crash in a row (1 for the first) is restarted; null past the limit.</summary>
    public static TimeSpan? DelayBefore(int crashInARow) =>
        crashInARow is < 1 or > Limit ? null : First * (1 << (crashInARow - 1));

    /// <summary>The crash count after a process that ran for <paramref name="ran"/> died.</summary>
    public static int CrashesInARow(int before, TimeSpan ran) => ran >= StableAfter ? 1 : before + 1;
}
