using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Store.Integration.Tests.Messaging;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Outages;

/// <summary>
/// Real servers really stopped under running services: the answer is 503 with Retry-After, problem details and no
/// detail of the failure, never a 500 or a hang (the clients give up after 2 s; ServiceDefaults.Tests checks their
/// settings). And admission control driven by a real backlog: ordering's requests pile up unread on the bus until a
/// new order would wait longer than the bound (5 s by default); new orders are then refused, and taken again once the
/// backlog is drained. And the saga's timeouts, which wait for what the saga has not read yet.
/// </summary>
[Collection(OutageApp.Name)]
public sealed class OutageTests(OutageFixture outage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_are_answered_503_with_Retry_After_while_Postgres_is_stopped_and_served_again_once_it_is_back()
    {
        var ordering = outage.NewCustomer("outage");
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
        var ordering = outage.NewCustomer("admission");
        var order = OrderingApi.NewOrder(Guid.NewGuid());
        var key = Guid.NewGuid().ToString();
        outage.Requests.Pause();
        HttpResponseMessage refusal;
        try
        {
            // Every order accepted meanwhile adds a request nobody reads; refusals start once a new order would wait 5 s.
            refusal = await Eventually.FindAsync(async () =>
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
        }
        finally
        {
            outage.Requests.Resume();
        }

        using (refusal)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusal.StatusCode);
            Assert.True(refusal.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            using var problem = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync(Cancellation));
            Assert.Equal("The store is busy.", problem.RootElement.GetProperty("title").GetString());
        }

        // Read again, the backlog drains and admission opens; the refused order, sent again with its key, is placed once.
        var placed = await Eventually.FindAsync(async () =>
        {
            using var response = await ordering.PostOrderAsync(order, key);
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<OrderView>(Cancellation) : null;
        }, "The refused order placed after the backlog drained", Patience);
        using var again = await ordering.PostOrderAsync(order, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(placed.Id, (await again.Content.ReadFromJsonAsync<OrderView>(Cancellation))!.Id);
    }

    [Fact]
    public async Task An_order_nobody_answers_is_cancelled_for_its_timeout_but_not_while_an_answer_given_before_its_deadline_is_unread()
    {
        var ordering = outage.NewCustomer("timeout");
        await using var bus = await EventBusProbe.ConnectAsync(await outage.BusConnectionStringAsync());

        // An answer of the catalog, given now, that the saga's consumer group has not finished with: as if still queued.
        var unread = await bus.PublishAsync("events:catalog", "catalog.stock-released", $"order/{Guid.NewGuid()}",
            $$"""{"orderId":"{{Guid.NewGuid()}}"}""");
        await bus.WaitUntilAcknowledgedAsync("events:catalog", "ordering", unread, Patience);
        await bus.Database.ExecuteAsync("XCLAIM", "events:catalog", "ordering", "test-holder", "0", unread, "FORCE");
        var order = await ordering.PlaceAsync(OrderingApi.NewOrder(Guid.NewGuid()));
        var deadline = order.CreatedAt + OutageFixture.StepTimeout;

        // Past the deadline by several scans of the saga's timeouts (one a second), the order still waits: an answer
        // about it could be among what the saga has not read yet.
        await Eventually.FindAsync(() => Task.FromResult(DateTimeOffset.UtcNow > deadline + TimeSpan.FromSeconds(3) ? "passed" : null),
            "The order's deadline passed three scans ago");
        Assert.Equal("submitted", (await ordering.GetAsync(order.Id))!.Status);

        // Read, and no answer about the order among it: now it timed out.
        await bus.Database.StreamAcknowledgeAsync("events:catalog", "ordering", unread);
        var cancelled = await ordering.WaitForFinalAsync(order.Id);
        Assert.Equal(("cancelled", "No answer in time from stock reservation."), (cancelled.Status, cancelled.CancellationReason));
        Assert.Equal(["submitted", "timed-out"], cancelled.Steps);
    }

    private static async Task AssertUnavailableAsync(Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("Temporarily unavailable.", problem.RootElement.GetProperty("title").GetString());
    }

    private static object Batch() => new
    {
        events = new[] { new { id = Guid.NewGuid(), type = "product-viewed", sessionId = "outage-test", occurredAt = DateTimeOffset.UtcNow, productId = Guid.NewGuid() } },
    };
}
