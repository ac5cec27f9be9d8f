using Store.Integration.Tests.Messaging;
using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Store.Integration.Tests.Analytics;

/// <summary>
/// The analytics API as the tests speak it. Each test's events happen in a minute of its own, days back, and name
/// products of its own, so its windows and funnel hold nothing of other tests. Events are sent anonymously or with
/// the token of the user they name; queries and operations as an admin.
/// </summary>
internal sealed class AnalyticsApi(StoreAppFixture store)
{
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Anonymous, as a visitor who has not signed in.</summary>
    public HttpClient Http { get; } = store.CreateHttpClient("analytics");

    public HttpClient Admin { get; } = store.CreateHttpClient("analytics", TestTokens.Admin);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A whole minute between one and six days ago, chosen at random.</summary>
    public static DateTimeOffset PrivateMinute()
    {
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        return minute.AddMinutes(-Random.Shared.Next(24 * 60, 6 * 24 * 60));
    }

    public static ClickEventBody View(Guid product, string session, DateTimeOffset at, string? user = null)
        => new(Guid.NewGuid(), "product-viewed", session, user, at, product, null, null);

    public static ClickEventBody Cart(Guid product, string session, DateTimeOffset at, int quantity = 1, string? user = null)
        => new(Guid.NewGuid(), "added-to-cart", session, user, at, product, quantity, null);

    public static ClickEventBody Search(string query, string session, DateTimeOffset at)
        => new(Guid.NewGuid(), "searched", session, null, at, null, null, query);

    public async Task<HttpResponseMessage> PostAsync(object body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await Http.SendAsync(request, Cancellation);
    }

    /// <summary>Sends the events as a batch per user they name, each with that user's token (anonymous events without).</summary>
    public async Task IngestAsync(IEnumerable<ClickEventBody> events)
    {
        foreach (var batch in events.GroupBy(@event => @event.UserId))
        {
            using var response = await PostAsync(new { events = batch.ToList() }, batch.Key is { } user ? TestTokens.For(user) : null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    public async Task<List<WindowView>> SeriesAsync(Guid product, DateTimeOffset from, DateTimeOffset to)
    {
        var series = await Admin.GetFromJsonAsync<SeriesView>(
            $"/api/v1/analytics/products/{product}/series?from={Format(from)}&to={Format(to)}", Cancellation);
        return series!.Windows;
    }

    public async Task<FunnelView> FunnelAsync(DateTimeOffset from, DateTimeOffset to)
        => (await Admin.GetFromJsonAsync<FunnelView>($"/api/v1/analytics/funnel?from={Format(from)}&to={Format(to)}", Cancellation))!;

    /// <summary>
    /// Polls until every product's windows equal <paramref name="expected"/>, then looks once more after the processor
    /// has handled everything the clickstream held: totals that reach the right number and keep growing would be wrong too.
    /// </summary>
    public async Task WaitForWindowsAsync(IReadOnlyDictionary<Guid, List<WindowView>> expected, DateTimeOffset from, DateTimeOffset to)
    {
        await Eventually.UntilAsync(() => ReadAllAsync(expected.Keys, from, to), actual => Same(expected, actual),
            $"Windows reaching {JsonSerializer.Serialize(expected)}", SettleTimeout);

        await using var bus = await EventBusProbe.ConnectAsync(store);
        await bus.WaitUntilCaughtUpAsync("clickstream", "analytics", SettleTimeout);
        var settled = await ReadAllAsync(expected.Keys, from, to);
        Assert.True(Same(expected, settled), $"Totals moved after settling: {JsonSerializer.Serialize(settled)}");
    }

    public async Task<Dictionary<Guid, List<WindowView>>> ReadAllAsync(IEnumerable<Guid> products, DateTimeOffset from, DateTimeOffset to)
    {
        var read = new Dictionary<Guid, List<WindowView>>();
        foreach (var product in products)
        {
            read[product] = await SeriesAsync(product, from, to);
        }

        return read;
    }

    /// <summary>The windows a set of events must produce: views count events, carts and purchases count units.</summary>
    public static Dictionary<Guid, List<WindowView>> Expected(IEnumerable<ClickEventBody> events) => events
        .Where(@event => @event.ProductId is not null)
        .DistinctBy(@event => @event.Id)
        .GroupBy(@event => @event.ProductId!.Value)
        .ToDictionary(product => product.Key, product => product
            .GroupBy(@event => Minute(@event.OccurredAt))
            .OrderBy(window => window.Key)
            .Select(window => new WindowView(window.Key, product.Key,
                window.Count(@event => @event.Type == "product-viewed"),
                window.Where(@event => @event.Type == "added-to-cart").Sum(@event => (long)@event.Quantity!.Value),
                0))
            .ToList());

    public static string Format(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    private static DateTimeOffset Minute(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static bool Same(IReadOnlyDictionary<Guid, List<WindowView>> expected, Dictionary<Guid, List<WindowView>> actual)
        => expected.All(pair => actual.TryGetValue(pair.Key, out var windows) && windows.SequenceEqual(pair.Value));
}

internal sealed record ClickEventBody(Guid Id, string Type, string SessionId, string? UserId, DateTimeOffset OccurredAt, Guid? ProductId, int? Quantity, string? Query);

internal sealed record WindowView(DateTimeOffset WindowStart, Guid ProductId, long Views, long Carts, long Purchases);

internal sealed record SeriesView(Guid ProductId, List<WindowView> Windows);

internal sealed record FunnelView(long Viewed, long AddedToCart, long Purchased);
