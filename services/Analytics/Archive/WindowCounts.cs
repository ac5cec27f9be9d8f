namespace Store.Analytics.Archive;

/// <summary>
/// What a set of newly archived events adds to the windows: per product and minute, views (events) and carts and
/// purchases (units); per visitor and minute, the funnel stages reached as bits. The same arithmetic as the SQL that
/// a replay recounts with (<see cref="AggregateRebuild"/>); the replay test holds the two to the same numbers.
/// </summary>
internal sealed class WindowCounts
{
    private readonly Dictionary<(DateTimeOffset Minute, Guid Product), (long Views, long Carts, long Purchases)> _products = [];
    private readonly Dictionary<(DateTimeOffset Minute, string Visitor), short> _visitors = [];

    public static WindowCounts Of(IEnumerable<ArchivedEvent> events)
    {
        var counts = new WindowCounts();
        foreach (var @event in events)
        {
            counts.Add(@event);
        }

        return counts;
    }

    public IReadOnlyDictionary<(DateTimeOffset Minute, Guid Product), (long Views, long Carts, long Purchases)> Products => _products;

    public IReadOnlyDictionary<(DateTimeOffset Minute, string Visitor), short> Visitors => _visitors;

    public static DateTimeOffset MinuteOf(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    public static short StageOf(EventKind kind) => kind switch
    {
        EventKind.Viewed => 1,
        EventKind.AddedToCart => 2,
        EventKind.Purchased => 4,
        _ => 0,
    };

    private void Add(ArchivedEvent @event)
    {
        var minute = MinuteOf(@event.OccurredAt);
        if (@event.ProductId is { } product)
        {
            var (views, carts, purchases) = _products.GetValueOrDefault((minute, product));
            _products[(minute, product)] = @event.Kind switch
            {
                EventKind.Viewed => (views + 1, carts, purchases),
                EventKind.AddedToCart => (views, carts + @event.Quantity, purchases),
                EventKind.Purchased => (views, carts, purchases + @event.Quantity),
                _ => (views, carts, purchases),
            };
        }

        if (@event.Kind is not EventKind.Searched)
        {
            _visitors[(minute, @event.Visitor)] = (short)(_visitors.GetValueOrDefault((minute, @event.Visitor)) | StageOf(@event.Kind));
        }
    }
}
