namespace Store.Analytics.Ingest;

/// <summary>What one batch may hold and when the ingest endpoint pushes back.</summary>
internal sealed class IngestOptions
{
    public const string Section = "Analytics:Ingest";

    public int MaxEventsPerBatch { get; set; } = 500;

    /// <summary>Events older than this are refused: their windows are long closed.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How far ahead of the server's clock a client's clock may run.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Entries waiting for the processor beyond which new batches are refused with 503 and Retry-After.</summary>
    public long MaxBacklog { get; set; } = 200_000;

    /// <summary>Age of the oldest unprocessed entry beyond which new batches are refused.</summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsValid() => MaxEventsPerBatch > 0 && MaxEventAge > TimeSpan.Zero && MaxClockSkew >= TimeSpan.Zero
        && MaxBacklog > 0 && MaxLag > TimeSpan.Zero;
}
