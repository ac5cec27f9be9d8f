using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Store.Messaging;

namespace Store.Ordering.Backlog;

/// <summary>
/// Whether new orders are taken: not while a new order would wait longer than <see cref="AdmissionOptions.MaxQueueWait"/>
/// in the order flow's queues. An order admitted into queues that long waits in them while its step deadlines run, and
/// more work then only makes them longer; a refused one costs nothing and is sent again later with the same
/// Idempotency-Key. Once closed, admission opens again when the wait is half the bound, so that it does not flap.
/// </summary>
internal sealed partial class OrderAdmission
{
    private readonly TimeSpan _bound;
    private readonly Counter<long> _refused;
    private readonly ILogger<OrderAdmission> _logger;
    private State _state = new(Open: true, QueueWait: TimeSpan.Zero);

    public OrderAdmission(IOptions<AdmissionOptions> options, IMeterFactory meters, IHostEnvironment environment, ILogger<OrderAdmission> logger)
    {
        _bound = options.Value.MaxQueueWait;
        _logger = logger;
        var meter = meters.Create(environment.ApplicationName);
        _refused = meter.CreateCounter<long>("ordering.admission.refused", "{order}", "Orders refused with 503 because they would have waited too long in the order flow's queues.");
        meter.CreateObservableGauge("ordering.admission.open", () => Volatile.Read(ref _state).Open ? 1 : 0, description: "1 while new orders are taken, 0 while they are refused.");
        meter.CreateObservableGauge("ordering.admission.queue_wait", () => Volatile.Read(ref _state).QueueWait.TotalSeconds, "s",
            "How long a new order would wait in the order flow's queues (each queue's oldest wait, added up): what admission compares with its bound.");
    }

    /// <summary>Takes the order, or counts its refusal and says how long the client should wait before sending it again.</summary>
    public bool Admits(out TimeSpan retryAfter)
    {
        var state = Volatile.Read(ref _state);
        retryAfter = state.Open ? TimeSpan.Zero : BacklogRetryAfter.For(state.QueueWait);
        if (!state.Open)
        {
            _refused.Add(1);
        }

        return state.Open;
    }

    /// <summary>Takes in a fresh measurement of how long a new order would wait in the queues.</summary>
    public void Observe(TimeSpan queueWait)
    {
        var before = Volatile.Read(ref _state);
        var open = StaysOpen(before.Open, queueWait, _bound);
        Volatile.Write(ref _state, new State(open, queueWait));
        if (before.Open && !open)
        {
            LogClosed(_logger, queueWait, _bound);
        }
        else if (!before.Open && open)
        {
            LogOpened(_logger, queueWait);
        }
    }

    /// <summary>Open until the wait is longer than the bound; closed until it is no longer than half of it.</summary>
    internal static bool StaysOpen(bool open, TimeSpan queueWait, TimeSpan bound) => queueWait <= (open ? bound : bound / 2);

    private sealed record State(bool Open, TimeSpan QueueWait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission closed: a new order would wait {QueueWait} in the order flow's queues, over the bound of {Bound}; new orders are answered 503")]
    private static partial void LogClosed(ILogger logger, TimeSpan queueWait, TimeSpan bound);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission open again: a new order would wait {QueueWait} in the order flow's queues")]
    private static partial void LogOpened(ILogger logger, TimeSpan queueWait);
}
