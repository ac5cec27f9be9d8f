using Npgsql;
using Store.Integration.Tests.Analytics;

namespace Store.Integration.Tests.Dashboard;

public sealed class RebuildAggregatesCommandTests(StoreAppFixture store)
{
    private readonly AnalyticsApi analytics = new(store);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rebuild_aggregates_recomputes_lost_windows_of_the_range_from_the_archive_and_says_what_it_read()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var product = Guid.NewGuid();
        ClickEventBody[] events =
        [
            AnalyticsApi.View(product, "s-1", minute.AddSeconds(10)),
            AnalyticsApi.View(product, "s-2", minute.AddSeconds(20)),
            AnalyticsApi.Cart(product, "s-1", minute.AddSeconds(30)),
        ];
        await analytics.IngestAsync(events);
        var (from, to) = (minute, minute.AddMinutes(1));
        var expected = AnalyticsApi.Expected(events);
        await analytics.WaitForWindowsAsync(expected, from, to);
        await using (var database = new NpgsqlConnection(await store.GetConnectionStringAsync("analyticsdb")))
        {
            await database.OpenAsync(Cancellation);
            await using var lose = new NpgsqlCommand("DELETE FROM product_minutes WHERE window_start >= $1 AND window_start < $2", database)
            {
                Parameters = { new() { Value = from }, new() { Value = to } },
            };
            await lose.ExecuteNonQueryAsync(Cancellation);
        }

        Assert.Empty(await analytics.SeriesAsync(product, from, to));

        var result = await store.RunCommandAsync("analytics", "rebuild-aggregates", ("from", OperatorCommands.Instant(from)), ("to", OperatorCommands.Instant(to)));

        Assert.Equal($"Rebuilt 1 product window of {from:u} to {to:u} from 3 archived events.", result.Said());
        Assert.Equal(expected[product], await analytics.SeriesAsync(product, from, to));
    }

    [Fact]
    public async Task Rebuild_aggregates_before_the_archive_retention_fails_with_the_services_reason()
    {
        var from = DateTimeOffset.UtcNow.AddDays(-200);

        var result = await store.RunCommandAsync("analytics", "rebuild-aggregates", ("from", OperatorCommands.Instant(from)), ("to", OperatorCommands.Instant(from.AddHours(1))));

        Assert.False(result.Success);
        Assert.Contains("The archive keeps events from", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_aggregates_refuses_a_range_that_is_not_two_instants()
    {
        var result = await store.RunCommandAsync("analytics", "rebuild-aggregates", ("from", "yesterday"), ("to", "today"));

        Assert.False(result.Success);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }
}
