using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Outages;

/// <summary>
/// Real servers really stopped under running services: the answer is 503 with Retry-After, problem details and no
/// detail of the failure, and it comes within the clients' bounds (2 s), never a 500 or a hang. And admission control
/// driven by a real backlog: ordering's requests pile up unread on the bus (no catalog or payments run beside it)
/// until the oldest has waited longer than the bound (5 s by default); new orders are then refused, and taken again
/// once the backlog is drained.
/// </summary>
[Collection(OutageApp.Name)]
public sealed class OutageTests(OutageFixture outage)
{
    /// <summary>The clients give up on a server after 2 s; the rest is slack for a loaded machine.</summary>
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_are_answered_503_with_Retry_After_while_Postgres_is_stopped_and_served_again_once_it_is_back()
    {
        var ordering = await outage.NewCustomerAsync("outage");
        await outage.StopAsync("postgres");
        try
        {
            await AssertUnavailableAsync(() => ordering.Http.SendAsync(ordering.Request(HttpMethod.Get, "/api/v1/orders"), Cancellation));
            await AssertUnavailableAsync(() => ordering.PostOrderAsync(OrderingApi.NewOrder(Guid.NewGuid()), Guid.NewGuid().ToString()));
        }
        finally
        {
            await outage.StartAsync("postgres");
        }

        await Eventually.FindAsync(async () =>
        {
            using var response = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Get, "/api/v1/orders"), Cancellation);
            return response.StatusCode == HttpStatusCode.OK ? "served" : null;
        }, "Orders served again after Postgres restarted");
    }

    [Fact]
    public async Task Clickstream_ingest_is_answered_503_with_Retry_After_at_once_while_the_bus_is_stopped_and_accepted_again_once_it_is_back()
    {
        using var analytics = outage.CreateHttpClient("analytics");
        await outage.StopAsync("bus");
        try
        {
            await AssertUnavailableAsync(() => analytics.PostAsJsonAsync("/api/v1/events", Batch(), Cancellation));
        }
        finally
        {
            await outage.StartAsync("bus");
        }

        await Eventually.FindAsync(async () =>
        {
            using var response = await analytics.PostAsJsonAsync("/api/v1/events", Batch(), Cancellation);
            return response.StatusCode == HttpStatusCode.Accepted ? "accepted" : null;
        }, "Clickstream accepted again after the bus restarted");
    }

    [Fact]
    public async Task New_orders_are_refused_with_503_and_Retry_After_once_the_backlog_is_too_old_and_placed_once_after_it_drains()
    {
        var ordering = await outage.NewCustomerAsync("admission");
        var order = OrderingApi.NewOrder(Guid.NewGuid());

        // Every order accepted meanwhile adds a request nobody reads; the first refusal comes once the oldest is 5 s old.
        var key = Guid.NewGuid().ToString();
        var refusal = await Eventually.FindAsync(async () =>
        {
            key = Guid.NewGuid().ToString();
            var response = await ordering.PostOrderAsync(order, key);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                response.Dispose();
                return null;
            }

            return response;
        }, "An order refused for the backlog", Patience);

        using (refusal)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusal.StatusCode);
            Assert.True(refusal.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            using var problem = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync(Cancellation));
            Assert.Equal("The store is busy.", problem.RootElement.GetProperty("title").GetString());
        }

        // Drained, admission opens again; the refused order, sent again with its key, is placed once.
        await outage.DrainOrderRequestsAsync();
        var placed = await Eventually.FindAsync(async () =>
        {
            using var response = await ordering.PostOrderAsync(order, key);
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<OrderView>(Cancellation) : null;
        }, "The refused order placed after the backlog drained", Patience);
        using var again = await ordering.PostOrderAsync(order, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(placed.Id, (await again.Content.ReadFromJsonAsync<OrderView>(Cancellation))!.Id);

        await outage.DrainOrderRequestsAsync();
    }

    private static async Task AssertUnavailableAsync(Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await send();
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("Temporarily unavailable.", problem.RootElement.GetProperty("title").GetString());
        Assert.True(elapsed < AnswerWithin, $"Answered after {elapsed}.");
    }

    private static object Batch() => new
    {
        events = new[] { new { id = Guid.NewGuid(), type = "product-viewed", sessionId = "outage-test", occurredAt = DateTimeOffset.UtcNow, productId = Guid.NewGuid() } },
    };
}
