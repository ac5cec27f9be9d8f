namespace Store.Analytics.Processing;

/// <summary>How the clickstream processor reads: batch size, blocking wait, and when a dead replica's entries are taken over.</summary>
internal sealed class ProcessorOptions
{
    public const string Section = "Analytics:Processor";

    public int BatchSize { get; set; } = 1000;

    public TimeSpan BlockTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entries delivered to a consumer and unacknowledged this long are presumed orphaned and taken over.</summary>
    public TimeSpan ClaimIdleAfter { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsValid() => BatchSize > 0 && BlockTimeout > TimeSpan.Zero && ClaimIdleAfter > TimeSpan.Zero && MaxBackoff > TimeSpan.Zero;
}
