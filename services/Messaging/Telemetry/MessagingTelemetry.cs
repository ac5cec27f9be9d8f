using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Store.Messaging.Telemetry;

/// <summary>The bus's spans and instruments, named after OpenTelemetry's messaging conventions.</summary>
internal sealed class MessagingTelemetry : IDisposable
{
    public const string Name = "Store.Messaging";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private long _outboxDepth;
    private long _pending;

    public MessagingTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        PublishLag = _meter.CreateHistogram<double>("messaging.outbox.publish_lag", "s",
            "Time from an event's commit into the outbox to its entry in the stream.");
        Published = _meter.CreateCounter<long>("messaging.outbox.published", "{event}", "Events the relay has written to streams.");
        Processed = _meter.CreateCounter<long>("messaging.process.messages", "{message}",
            "Messages a consumer finished with, by outcome: handled, duplicate, ignored, dead_lettered.");
        ProcessDuration = _meter.CreateHistogram<double>("messaging.process.duration", "s", "Time to handle one message, its transaction included.");
        Failures = _meter.CreateCounter<long>("messaging.process.failures", "{attempt}", "Handler attempts that threw.");
        Expired = _meter.CreateCounter<long>("messaging.process.expired", "{message}",
            "Requests that arrived after their deadline and were handled by doing nothing.");
        _meter.CreateObservableGauge("messaging.outbox.depth", () => Volatile.Read(ref _outboxDepth), "{event}", "Outbox rows not yet relayed.");
        _meter.CreateObservableGauge("messaging.consumer.pending", () => Volatile.Read(ref _pending), "{message}",
            "Entries delivered to this service's consumer group and not yet acknowledged.");
    }

    public Histogram<double> PublishLag { get; }

    public Counter<long> Published { get; }

    public Counter<long> Processed { get; }

    public Histogram<double> ProcessDuration { get; }

    public Counter<long> Failures { get; }

    public Counter<long> Expired { get; }

    public void ReportOutboxDepth(long depth) => Volatile.Write(ref _outboxDepth, depth);

    public void ReportPending(long pending) => Volatile.Write(ref _pending, pending);

    public void Dispose() => _meter.Dispose();
}
