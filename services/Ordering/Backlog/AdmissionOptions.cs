namespace Store.Ordering.Backlog;

/// <summary>The <c>Ordering:Admission</c> section: how long a new order may expect to wait in the order flow's queues.</summary>
internal sealed class AdmissionOptions
{
    public const string Section = "Ordering:Admission";

    /// <summary>
    /// New orders are refused (503, Retry-After) while one would wait longer than this in the queues on its path: the
    /// oldest wait of ordering's outbox and of each consumer group's queue, added up. The default is set from
    /// measurements in docs/benchmarks.md: far above what the flow shows at the rates it sustains, far below the
    /// saga's 30 s step deadlines.
    /// </summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsValid() => MaxQueueWait > TimeSpan.Zero;
}
