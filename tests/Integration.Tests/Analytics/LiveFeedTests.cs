using System.Net.Http.Json;

namespace Store.Integration.Tests.Analytics;

public sealed class LiveFeedTests(StoreAppFixture store)
{
    private readonly AnalyticsApi analytics = new(store);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_live_feed_delivers_an_update_after_ingest()
    {
        var product = Guid.NewGuid();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(AnalyticsApi.SettleTimeout);
        using var response = await analytics.Admin.GetAsync("/api/v1/analytics/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        // The subscription starts as the server begins the stream: keep viewing until an update names the product.
        var viewing = Task.Run(async () =>
        {
            while (!timeout.IsCancellationRequested)
            {
                await analytics.IngestAsync([AnalyticsApi.View(product, "live-1", DateTimeOffset.UtcNow)]);
                await Task.Delay(500, timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }, timeout.Token);

        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !(line.StartsWith("data:", StringComparison.Ordinal) && line.Contains(product.ToString(), StringComparison.Ordinal)));

        await timeout.CancelAsync();
        try
        {
            await viewing;
        }
        catch (OperationCanceledException)
        {
        }

        Assert.NotNull(line);
        Assert.Contains("\"views\":", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_rankings_include_a_product_viewed_just_now()
    {
        var product = Guid.NewGuid();
        await analytics.IngestAsync(Enumerable.Range(0, 3).Select(i => AnalyticsApi.View(product, $"live-{i}", DateTimeOffset.UtcNow)));

        await Eventually.UntilAsync(
            async () => (await analytics.Http.GetFromJsonAsync<LiveTopView>("/api/v1/analytics/top/live?metric=views&minutes=2&limit=100", Cancellation))!,
            top => top.Products.Contains(new ProductTotalView(product, 3)), "The live ranking listing the product's 3 views", AnalyticsApi.SettleTimeout);
    }

    private sealed record LiveTopView(string Metric, List<ProductTotalView> Products);

    private sealed record ProductTotalView(Guid ProductId, long Total);
}
