using Store.Analytics.Ingest;

namespace Store.Analytics.Tests;

public sealed class ClickEventBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly IngestOptions Options = new() { MaxEventsPerBatch = 3 };

    private static ClickEvent View() => new(Guid.NewGuid(), ClickEvent.Viewed, "s-1", null, Now, Guid.NewGuid(), null, null, null);

    private const string SignedIn = "dana@example.com";

    private static Dictionary<string, string[]> Validate(params ClickEvent?[] events) => new ClickEventBatch(events).Validate(Now, Options, SignedIn);

    [Fact]
    public void Views_carts_and_searches_of_a_sound_batch_pass()
    {
        var cart = View() with { Type = ClickEvent.AddedToCart, Quantity = 2, UserId = "dana@example.com" };
        var search = View() with { Type = ClickEvent.Searched, ProductId = null, Query = "wool hat", Properties = new() { ["page"] = "home" } };

        Assert.Empty(Validate(View(), cart, search));
    }

    [Fact]
    public void Errors_name_the_event_and_the_field()
    {
        var errors = Validate(View(), View() with { SessionId = "has spaces", Quantity = 1 });

        Assert.Equal(["events[1].quantity", "events[1].sessionId"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_batch_is_one_to_the_maximum_events()
    {
        Assert.Contains("events", Validate().Keys);
        Assert.Contains("events", Validate(View(), View(), View(), View()).Keys);
    }

    [Fact]
    public void An_event_names_the_signed_in_user_or_no_one()
    {
        Assert.Contains("events[0].userId", Validate(View() with { UserId = "mallory" }).Keys);
        Assert.Contains("events[0].userId", new ClickEventBatch([View() with { UserId = SignedIn }]).Validate(Now, Options, caller: null).Keys);
        Assert.Empty(new ClickEventBatch([View()]).Validate(Now, Options, caller: null));
    }

    [Fact]
    public void An_id_used_twice_in_a_batch_is_refused()
    {
        var view = View();

        Assert.Equal(["events[1].id"], Validate(view, view with { SessionId = "s-2" }).Keys);
    }

    [Theory]
    [InlineData(-7 * 24 * 60 - 1)]
    [InlineData(6)]
    public void Times_outside_the_accepted_window_are_refused(int minutesFromNow) =>
        Assert.Contains("events[0].occurredAt", Validate(View() with { OccurredAt = Now.AddMinutes(minutesFromNow) }).Keys);

    [Fact]
    public void Each_type_has_its_own_fields()
    {
        Assert.Contains("events[0].productId", Validate(View() with { ProductId = null }).Keys);
        Assert.Contains("events[0].productId", Validate(View() with { ProductId = Guid.Empty }).Keys);
        Assert.Contains("events[0].query", Validate(View() with { Query = "hat" }).Keys);
        Assert.Contains("events[0].query", Validate(View() with { Type = ClickEvent.Searched, ProductId = null }).Keys);
        Assert.Contains("events[0].productId", Validate(View() with { Type = ClickEvent.Searched, Query = "hat" }).Keys);
        Assert.Contains("events[0].quantity", Validate(View() with { Type = ClickEvent.AddedToCart, Quantity = 0 }).Keys);
        Assert.Contains("events[0].type", Validate(View() with { Type = "liked" }).Keys);
    }

    [Fact]
    public void Properties_are_few_and_short()
    {
        var many = Enumerable.Range(0, ClickEventBatch.MaxProperties + 1).ToDictionary(i => $"k{i}", _ => "v");

        Assert.Contains("events[0].properties", Validate(View() with { Properties = many }).Keys);
        Assert.Contains("events[0].properties", Validate(View() with { Properties = new() { ["k"] = new string('x', 257) } }).Keys);
    }

    [Fact]
    public void An_anonymous_visitor_is_followed_by_session_and_a_signed_in_one_by_user()
    {
        Assert.Equal("session:s-1", View().ToArchived().Visitor);
        Assert.Equal("dana", (View() with { UserId = "dana" }).ToArchived().Visitor);
    }
}
