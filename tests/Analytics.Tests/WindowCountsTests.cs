using Store.Analytics.Archive;

namespace Store.Analytics.Tests;

public sealed class WindowCountsTests
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Hat = Guid.NewGuid();

    private static ArchivedEvent Event(EventKind kind, string visitor, int seconds, int quantity = 1, Guid? product = null) =>
        new(Guid.NewGuid(), Minute.AddSeconds(seconds), kind, "s", null, visitor, kind is EventKind.Searched ? null : product ?? Hat, quantity, null, null);

    [Fact]
    public void Views_count_events_while_carts_and_purchases_count_units()
    {
        var counts = WindowCounts.Of([
            Event(EventKind.Viewed, "a", 1), Event(EventKind.Viewed, "b", 2),
            Event(EventKind.AddedToCart, "a", 3, quantity: 3), Event(EventKind.Purchased, "a", 4, quantity: 2),
        ]);

        Assert.Equal((2L, 3L, 2L), counts.Products[(Minute, Hat)]);
    }

    [Fact]
    public void Events_fall_in_the_minute_of_their_own_time_whatever_its_offset()
    {
        var inParis = new DateTimeOffset(2026, 11, 28, 13, 0, 59, TimeSpan.FromHours(1));
        var counts = WindowCounts.Of([Event(EventKind.Viewed, "a", 0) with { OccurredAt = inParis }, Event(EventKind.Viewed, "a", 60)]);

        Assert.Equal([Minute, Minute.AddMinutes(1)], counts.Products.Keys.Select(key => key.Minute).Order());
    }

    [Fact]
    public void A_visitor_gathers_the_stages_reached_in_a_minute_and_searches_reach_none()
    {
        var counts = WindowCounts.Of([
            Event(EventKind.Viewed, "a", 1), Event(EventKind.Purchased, "a", 2),
            Event(EventKind.Searched, "b", 3), Event(EventKind.AddedToCart, "c", 61),
        ]);

        Assert.Equal(5, counts.Visitors[(Minute, "a")]);
        Assert.False(counts.Visitors.ContainsKey((Minute, "b")));
        Assert.Equal(2, counts.Visitors[(Minute.AddMinutes(1), "c")]);
    }
}
