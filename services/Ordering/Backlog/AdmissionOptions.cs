namespace Store.Ordering.Backlog;

/// <summary>The <c>Ordering:Admission</c> section: how much of a backlog new orders may join.</summary>
internal sealed class AdmissionOptions
{
    public const string Section = "Ordering:Admission";

    /// <summary>
    /// New orders are refused (503, Retry-After) while a request or answer of the order flow has waited longer than this
    /// for its consumer, or an event longer than this for the relay. The default is set from measurements in
    /// docs/benchmarks.md: far above what the flow shows at the rates it sustains, far below the saga's step deadlines.
    /// </summary>
    public TimeSpan MaxBacklogAge { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsValid() => MaxBacklogAge > TimeSpan.Zero;
}
