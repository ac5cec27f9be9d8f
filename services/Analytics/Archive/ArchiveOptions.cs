namespace Store.Analytics.Archive;

/// <summary>How long raw events and the windows counted from them are kept.</summary>
internal sealed class ArchiveOptions
{
    public const string Section = "Analytics:Archive";

    /// <summary>Whole days of archive partitions and windows kept; longer than the oldest event ingest accepts.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often old days are dropped and the coming day's partition created.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
}
