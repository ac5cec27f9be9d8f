using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Store.Analytics;

/// <summary>The analytics service's spans and instruments.</summary>
internal sealed class AnalyticsTelemetry : IDisposable
{
    public const string Name = "Store.Analytics";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private long _backlog;
    private double _lagSeconds;

    public AnalyticsTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        Ingested = _meter.CreateCounter<long>("analytics.ingest.events", "{event}", "Clickstream events appended to the stream.");
        Refused = _meter.CreateCounter<long>("analytics.ingest.refused_batches", "{batch}", "Batches refused because the processor is behind.");
        Processed = _meter.CreateCounter<long>("analytics.processor.events", "{event}",
            "Events the processor archived, or found archived already (redeliveries, retried batches).");
        BatchDuration = _meter.CreateHistogram<double>("analytics.processor.batch.duration", "s", "Time to archive and aggregate one batch.");
        _meter.CreateObservableGauge("analytics.processor.backlog", () => Volatile.Read(ref _backlog), "{event}",
            "Clickstream entries not yet processed: delivered and unacknowledged, or not delivered yet.");
        _meter.CreateObservableGauge("analytics.processor.lag", () => Volatile.Read(ref _lagSeconds), "s",
            "Age of the oldest clickstream entry not yet processed.");
    }

    public Counter<long> Ingested { get; }

    public Counter<long> Refused { get; }

    public Counter<long> Processed { get; }

    public Histogram<double> BatchDuration { get; }

    public void ReportLag(long backlog, TimeSpan lag)
    {
        Volatile.Write(ref _backlog, backlog);
        Volatile.Write(ref _lagSeconds, lag.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
