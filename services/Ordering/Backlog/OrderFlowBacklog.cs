using System.Diagnostics.Metrics;
using StackExchange.Redis;
using Store.Data;
using Store.Messaging;
using Store.Messaging.Consumers;
using Store.Messaging.Outbox;

namespace Store.Ordering.Backlog;

/// <summary>
/// Measures, twice a second rather than per request, how far behind the order flow is: on the bus, what each group of
/// <see cref="OrderFlow.Hops"/> has not finished with (XINFO GROUPS, XPENDING, XRANGE); in ordering's outbox, the
/// oldest event the relay has not published. It feeds <see cref="OrderAdmission"/> and tells the saga's timeout scan
/// how far it has heard (<see cref="HeardUntil"/>).
/// </summary>
internal sealed partial class OrderFlowBacklog : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly IConnectionMultiplexer _bus;
    private readonly OutboxBacklog _outbox;
    private readonly OrderAdmission _admission;
    private readonly DatabaseReadiness _database;
    private readonly TimeProvider _clock;
    private readonly MeasuredSource _busSource;
    private readonly MeasuredSource _outboxSource;
    private Snapshot _current = new(null, null, null);

    public OrderFlowBacklog(
        [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
        OutboxBacklog outbox,
        OrderAdmission admission,
        DatabaseReadiness database,
        TimeProvider clock,
        IMeterFactory meters,
        IHostEnvironment environment,
        ILogger<OrderFlowBacklog> logger)
    {
        _bus = bus;
        _outbox = outbox;
        _admission = admission;
        _database = database;
        _clock = clock;
        _busSource = new MeasuredSource("the bus (admission leaves the bus's queues out, and no order times out until it answers)", logger);
        _outboxSource = new MeasuredSource("ordering's outbox (admission leaves it out)", logger);
        var meter = meters.Create(environment.ApplicationName);
        meter.CreateObservableGauge("ordering.flow.messages", () => PerHop(backlog => backlog.Entries), "{message}",
            "Messages of the order flow a consumer group has not finished with: delivered and unacknowledged, or not delivered yet.");
        meter.CreateObservableGauge("ordering.flow.wait", () => PerHop(backlog => backlog.OldestUndeliveredAge.TotalSeconds), "s",
            "How long the oldest message not yet delivered to a consumer group of the order flow has waited.");
        meter.CreateObservableGauge("ordering.outbox.wait", () => Volatile.Read(ref _current).OutboxAge?.TotalSeconds ?? 0, "s",
            "How long the oldest event of ordering's outbox has waited for the relay.");
    }

    /// <summary>
    /// The saga has finished with every answer the catalog and payments gave before this time: now, less the age of the
    /// oldest answer its consumer has not finished with. Null while the bus cannot be measured: then a missing answer
    /// cannot be told from an unread one.
    /// </summary>
    public DateTimeOffset? HeardUntil => Volatile.Read(ref _current).HeardUntil;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _database.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, _clock);
        try
        {
            do
            {
                var now = _clock.GetUtcNow();
                var hops = await MeasureHopsAsync(now);
                var outboxAge = await MeasureOutboxAsync(stoppingToken);
                var heardUntil = hops is null ? (DateTimeOffset?)null
                    : now - hops.Where(hop => hop.Key.IsSagaInput).Select(hop => hop.Value.OldestAge).DefaultIfEmpty().Max();
                Volatile.Write(ref _current, new Snapshot(hops, outboxAge, heardUntil));

                // What a new order would wait: the relay's wait plus each group's queue on its path, one after another.
                // Entries in hand are being worked on; a dead consumer's are taken over by a living one and do not hold
                // up new orders.
                _admission.Observe((hops?.Values.Select(backlog => backlog.OldestUndeliveredAge) ?? [])
                    .Aggregate(outboxAge ?? TimeSpan.Zero, (total, wait) => total + wait));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<Dictionary<OrderFlow.Hop, ConsumerGroupBacklog>?> MeasureHopsAsync(DateTimeOffset now)
    {
        var (measured, hops) = await _busSource.TryAsync(async () =>
        {
            var redis = _bus.GetDatabase();
            var hops = new Dictionary<OrderFlow.Hop, ConsumerGroupBacklog>();
            foreach (var hop in OrderFlow.Hops)
            {
                hops[hop] = await ConsumerGroupBacklog.MeasureAsync(redis, hop.Stream, hop.Group, now);
            }

            return hops;
        });
        return measured ? hops : null;
    }

    private async Task<TimeSpan?> MeasureOutboxAsync(CancellationToken cancellationToken)
    {
        var (measured, age) = await _outboxSource.TryAsync(() => _outbox.OldestUnpublishedAgeAsync(cancellationToken));
        return measured ? age : null;
    }

    private IEnumerable<Measurement<T>> PerHop<T>(Func<ConsumerGroupBacklog, T> value) where T : struct =>
        Volatile.Read(ref _current).Hops?.Select(hop => new Measurement<T>(value(hop.Value),
            new KeyValuePair<string, object?>("messaging.destination.name", hop.Key.Stream),
            new KeyValuePair<string, object?>("messaging.consumer.group.name", hop.Key.Group))) ?? [];

    /// <param name="Hops">Null while the bus cannot be measured.</param>
    /// <param name="OutboxAge">Null while the database cannot be measured.</param>
    private sealed record Snapshot(IReadOnlyDictionary<OrderFlow.Hop, ConsumerGroupBacklog>? Hops, TimeSpan? OutboxAge, DateTimeOffset? HeardUntil);

    /// <summary>
    /// One thing measured: a failure, whatever it is, leaves the measurement unknown rather than stop the service, and is
    /// logged once, as is the first success after it.
    /// </summary>
    private sealed partial class MeasuredSource(string what, ILogger logger)
    {
        private bool _failing;

        public async Task<(bool Measured, T Value)> TryAsync<T>(Func<Task<T>> measure)
        {
            try
            {
                var value = await measure();
                if (_failing)
                {
                    _failing = false;
                    LogMeasuredAgain(logger, what);
                }

                return (true, value);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (!_failing)
                {
                    _failing = true;
                    LogUnmeasured(logger, what, exception.Message);
                }

                return (false, default!);
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot measure the order flow's backlog in {What}: {Error}")]
        private static partial void LogUnmeasured(ILogger logger, string what, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "The order flow's backlog in {What} is measured again")]
        private static partial void LogMeasuredAgain(ILogger logger, string what);
    }
}
