using StackExchange.Redis;
using Store.Integration.Tests.Messaging;

namespace Store.Integration.Tests.Analytics;

public sealed class ClickstreamAggregationTests(StoreAppFixture store)
{
    private readonly AnalyticsApi analytics = new(store);

    [Fact]
    public async Task Windows_are_exact_for_a_known_event_set_with_retried_batches()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var (shoes, hat, scarf) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        ClickEventBody[] first =
        [
            AnalyticsApi.View(shoes, "s-1", minute.AddSeconds(1)),
            AnalyticsApi.View(shoes, "s-2", minute.AddSeconds(2)),
            AnalyticsApi.View(hat, "s-1", minute.AddSeconds(3)),
            AnalyticsApi.Cart(shoes, "s-1", minute.AddSeconds(4), quantity: 2),
            AnalyticsApi.Search("wool scarf", "s-3", minute.AddSeconds(5)),
            AnalyticsApi.View(scarf, "s-3", minute.AddSeconds(61)),
            AnalyticsApi.Cart(scarf, "s-3", minute.AddSeconds(62), quantity: 3),
        ];
        ClickEventBody[] second = [AnalyticsApi.View(shoes, "s-4", minute.AddSeconds(70)), AnalyticsApi.View(hat, "s-4", minute.AddSeconds(71))];

        await analytics.IngestAsync(first);
        await analytics.IngestAsync(first); // The client did not see the first answer and sent the batch again.
        await analytics.IngestAsync([.. second, first[0], first[3]]); // Some events a third time, among new ones.

        var expected = AnalyticsApi.Expected([.. first, .. second]);
        Assert.Equal(2, expected[shoes].Count);
        Assert.Equal(new WindowView(minute, shoes, 2, 2, 0), expected[shoes][0]);
        await analytics.WaitForWindowsAsync(expected, minute, minute.AddMinutes(2));
    }

    [Fact]
    public async Task Times_sent_with_an_offset_are_counted_in_their_minute()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var product = Guid.NewGuid();
        var inTokyo = minute.ToOffset(TimeSpan.FromHours(9)).AddSeconds(30);
        ClickEventBody[] events = [AnalyticsApi.View(product, "s-1", inTokyo), AnalyticsApi.View(product, "s-2", minute.AddSeconds(59))];

        await analytics.IngestAsync(events);

        await analytics.WaitForWindowsAsync(new Dictionary<Guid, List<WindowView>> { [product] = [new WindowView(minute, product, 2, 0, 0)] }, minute, minute.AddMinutes(1));
    }

    [Fact]
    public async Task Concurrent_batches_read_by_both_replicas_add_up_exactly()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var products = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var batches = Enumerable.Range(0, 40).Select(batch => Enumerable.Range(0, 50).Select(i =>
        {
            var product = products[(batch + i) % products.Length];
            var at = minute.AddSeconds((batch + i) % 120);
            return i % 4 == 0 ? AnalyticsApi.Cart(product, $"s-{batch}", at, quantity: 1 + (i % 3)) : AnalyticsApi.View(product, $"s-{batch}", at);
        }).ToArray()).ToArray();

        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken },
            async (batch, _) => await analytics.IngestAsync(batch));

        await analytics.WaitForWindowsAsync(AnalyticsApi.Expected(batches.SelectMany(batch => batch)), minute, minute.AddMinutes(2));
        await using var bus = await EventBusProbe.ConnectAsync(store);
        var consumers = await bus.Database.StreamConsumerInfoAsync("clickstream", "analytics");
        Assert.True(consumers.Count(consumer => consumer.IdleTimeInMilliseconds < 5_000) >= 2, "Both replicas should be reading the clickstream.");
    }

    [Fact]
    public async Task Entries_held_by_a_consumer_that_died_are_taken_over_and_counted_once()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var product = Guid.NewGuid();
        var events = Enumerable.Range(0, 6).Select(i => AnalyticsApi.View(product, $"s-{i}", minute.AddSeconds(i))).ToArray();
        await using var bus = await EventBusProbe.ConnectAsync(store);
        var ghost = $"ghost-{Guid.NewGuid():N}";

        // The entries are appended and read by a consumer that then never acknowledges them, in one transaction, so
        // that no live replica is handed them first (it may take a few undelivered entries of other tests along).
        var transaction = bus.Database.CreateTransaction();
        var appended = events.Select(@event => transaction.StreamAddAsync("clickstream",
            [new NameValueEntry("event", System.Text.Json.JsonSerializer.Serialize(@event, Web)), new NameValueEntry("traceparent", "")])).ToList();
        var read = transaction.StreamReadGroupAsync("clickstream", "analytics", ghost, ">", 1_000);
        Assert.True(await transaction.ExecuteAsync());
        Assert.Subset((await read).Select(entry => entry.Id).ToHashSet(), (await Task.WhenAll(appended)).ToHashSet());

        await analytics.WaitForWindowsAsync(AnalyticsApi.Expected(events), minute, minute.AddMinutes(1));
        var pending = await bus.Database.StreamPendingMessagesAsync("clickstream", "analytics", 10, ghost);
        Assert.Empty(pending);
        await bus.Database.StreamDeleteConsumerAsync("clickstream", "analytics", ghost);
    }

    [Fact]
    public async Task An_entry_delivered_again_after_it_was_counted_counts_nothing()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var product = Guid.NewGuid();
        var view = AnalyticsApi.View(product, "s-1", minute);
        await analytics.IngestAsync([view]);
        var expected = AnalyticsApi.Expected([view]);
        await analytics.WaitForWindowsAsync(expected, minute, minute.AddMinutes(1));
        await using var bus = await EventBusProbe.ConnectAsync(store);

        // As the stream hands it out again when a replica dies between its commit and its XACK.
        var again = await bus.Database.StreamAddAsync("clickstream", [new NameValueEntry("event", System.Text.Json.JsonSerializer.Serialize(view, Web)), new NameValueEntry("traceparent", "")]);

        await bus.WaitUntilAcknowledgedAsync("clickstream", "analytics", again, AnalyticsApi.SettleTimeout);
        await analytics.WaitForWindowsAsync(expected, minute, minute.AddMinutes(1));
    }

    [Fact]
    public async Task The_funnel_follows_each_visitor_from_view_to_cart()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var product = Guid.NewGuid();
        await analytics.IngestAsync(
        [
            AnalyticsApi.View(product, "anon-1", minute.AddSeconds(1)),
            AnalyticsApi.View(product, "anon-2", minute.AddSeconds(2)),
            AnalyticsApi.View(product, "anon-2", minute.AddSeconds(3)),
            AnalyticsApi.Cart(product, "anon-2", minute.AddSeconds(4)),
            // The same person on two devices: one visitor, who viewed on one and carted on the other a minute later.
            AnalyticsApi.View(product, "phone", minute.AddSeconds(5), user: "dana"),
            AnalyticsApi.Cart(product, "laptop", minute.AddSeconds(65), user: "dana"),
            // Carted without a view in the range: not in the funnel's first step, so not in the second either.
            AnalyticsApi.Cart(product, "anon-3", minute.AddSeconds(6)),
        ]);

        await Eventually.UntilAsync(() => analytics.FunnelAsync(minute, minute.AddMinutes(2)), funnel => funnel == new FunnelView(3, 2, 0),
            "The funnel counting 3 viewers and 2 carts", AnalyticsApi.SettleTimeout);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);
}
