using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Store.Messaging;

namespace Store.Ordering.Backlog;

/// <summary>
/// Whether new orders are taken: not while the order flow's backlog is older than <see cref="AdmissionOptions.MaxBacklogAge"/>.
/// An order admitted into a backlog that old waits in it while its step deadline runs, and more work then only makes
/// the backlog older; a refused one costs nothing and is sent again later with the same Idempotency-Key. Once closed,
/// admission opens again when the backlog is half the bound, so that it does not flap at the edge.
/// </summary>
internal sealed partial class OrderAdmission
{
    private readonly TimeSpan _bound;
    private readonly Counter<long> _refused;
    private readonly ILogger<OrderAdmission> _logger;
    private State _state = new(Open: true, BacklogAge: TimeSpan.Zero);

    public OrderAdmission(IOptions<AdmissionOptions> options, IMeterFactory meters, IHostEnvironment environment, ILogger<OrderAdmission> logger)
    {
        _bound = options.Value.MaxBacklogAge;
        _logger = logger;
        var meter = meters.Create(environment.ApplicationName);
        _refused = meter.CreateCounter<long>("ordering.admission.refused", "{order}", "Orders refused with 503 because the order flow's backlog was too old.");
        meter.CreateObservableGauge("ordering.admission.open", () => Volatile.Read(ref _state).Open ? 1 : 0, description: "1 while new orders are taken, 0 while they are refused.");
        meter.CreateObservableGauge("ordering.admission.backlog_age", () => Volatile.Read(ref _state).BacklogAge.TotalSeconds, "s",
            "How long the oldest message of the order flow has waited for its consumer or for the relay: what admission compares with its bound.");
    }

    /// <summary>Takes the order, or counts its refusal and says how long the client should wait before sending it again.</summary>
    public bool Admits(out TimeSpan retryAfter)
    {
        var state = Volatile.Read(ref _state);
        retryAfter = state.Open ? TimeSpan.Zero : BacklogRetryAfter.For(state.BacklogAge);
        if (!state.Open)
        {
            _refused.Add(1);
        }

        return state.Open;
    }

    /// <summary>Takes in a fresh measurement of the backlog's age.</summary>
    public void Observe(TimeSpan backlogAge)
    {
        var before = Volatile.Read(ref _state);
        var open = StaysOpen(before.Open, backlogAge, _bound);
        Volatile.Write(ref _state, new State(open, backlogAge));
        if (before.Open && !open)
        {
            LogClosed(_logger, backlogAge, _bound);
        }
        else if (!before.Open && open)
        {
            LogOpened(_logger, backlogAge);
        }
    }

    /// <summary>Open until the backlog is older than the bound; closed until it is no older than half of it.</summary>
    internal static bool StaysOpen(bool open, TimeSpan backlogAge, TimeSpan bound) => backlogAge <= (open ? bound : bound / 2);

    private sealed record State(bool Open, TimeSpan BacklogAge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission closed: the order flow's backlog is {BacklogAge} old, over the bound of {Bound}; new orders are answered 503")]
    private static partial void LogClosed(ILogger logger, TimeSpan backlogAge, TimeSpan bound);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission open again: the order flow's backlog is {BacklogAge} old")]
    private static partial void LogOpened(ILogger logger, TimeSpan backlogAge);
}
