using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Store.Integration.Tests.Analytics;

public sealed class ReplayTests(StoreAppFixture store)
{
    private readonly AnalyticsApi analytics = new(store);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_rebuilds_lost_windows_from_the_archive_with_the_same_numbers()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var (boots, gloves) = (Guid.NewGuid(), Guid.NewGuid());
        ClickEventBody[] events =
        [
            AnalyticsApi.View(boots, "s-1", minute.AddSeconds(10), user: "erin"),
            AnalyticsApi.View(boots, "s-2", minute.AddSeconds(20)),
            AnalyticsApi.Cart(boots, "s-1", minute.AddSeconds(30), quantity: 2, user: "erin"),
            AnalyticsApi.View(gloves, "s-2", minute.AddSeconds(80)),
            AnalyticsApi.Search("warm gloves", "s-2", minute.AddSeconds(81)),
        ];
        await analytics.IngestAsync(events);
        var (from, to) = (minute, minute.AddMinutes(2));
        await analytics.WaitForWindowsAsync(AnalyticsApi.Expected(events), from, to);
        var windows = await analytics.ReadAllAsync([boots, gloves], from, to);
        var funnel = await analytics.FunnelAsync(from, to);
        Assert.Equal(new FunnelView(2, 1, 0), funnel);

        // The aggregates of those minutes are lost; the archive still holds the events.
        await using (var database = new NpgsqlConnection(await store.GetConnectionStringAsync("analyticsdb")))
        {
            await database.OpenAsync(Cancellation);
            foreach (var table in new[] { "product_minutes", "visitor_minutes" })
            {
                await using var lose = new NpgsqlCommand($"DELETE FROM {table} WHERE window_start >= $1 AND window_start < $2", database);
                lose.Parameters.Add(new() { Value = from });
                lose.Parameters.Add(new() { Value = to });
                await lose.ExecuteNonQueryAsync(Cancellation);
            }
        }

        Assert.Empty(await analytics.SeriesAsync(boots, from, to));

        using var replay = await analytics.Admin.PostAsJsonAsync("/api/v1/analytics/replay", new { from, to }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = await replay.Content.ReadFromJsonAsync<ReplayResultView>(Cancellation);
        Assert.Equal(new ReplayResultView(from, to, events.Length, 2), result);
        Assert.Equal(windows, await analytics.ReadAllAsync([boots, gloves], from, to), new WindowsComparer());
        Assert.Equal(funnel, await analytics.FunnelAsync(from, to));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"from":"2026-11-28T10:00:00Z"}""")]
    [InlineData("""{"from":"2026-11-28T10:00:00Z","to":"2026-11-28T09:00:00Z"}""")]
    [InlineData("""{"from":"2026-01-01T00:00:00Z","to":"2026-11-28T00:00:00Z"}""")]
    [InlineData("""{"from":"yesterday","to":"today"}""")]
    public async Task A_replay_without_a_sound_range_is_refused(string body)
    {
        using var response = await analytics.Admin.PostAsync("/api/v1/analytics/replay",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_replay_before_the_archive_retention_is_refused_and_deletes_nothing()
    {
        var from = DateTimeOffset.UtcNow.AddDays(-200);

        using var response = await analytics.Admin.PostAsJsonAsync("/api/v1/analytics/replay", new { from, to = from.AddHours(1) }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("archive keeps", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    private sealed record ReplayResultView(DateTimeOffset From, DateTimeOffset To, long Events, int ProductWindows);

    private sealed class WindowsComparer : IEqualityComparer<Dictionary<Guid, List<WindowView>>>
    {
        public bool Equals(Dictionary<Guid, List<WindowView>>? x, Dictionary<Guid, List<WindowView>>? y)
            => x!.Count == y!.Count && x.All(pair => y.TryGetValue(pair.Key, out var other) && other.SequenceEqual(pair.Value));

        public int GetHashCode(Dictionary<Guid, List<WindowView>> obj) => obj.Count;
    }
}
