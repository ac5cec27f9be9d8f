using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Outages;

/// <summary>
/// Admission control driven by a real backlog: ordering's requests pile up unread on the bus (no catalog or payments
/// run beside it) until the oldest has waited longer than the bound (5 s by default); new orders are then refused,
/// and taken again once the backlog is drained.
/// </summary>
[Collection(OutageTests.Name)]
public sealed class AdmissionTests(OutageFixture outage)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_orders_are_refused_with_503_and_Retry_After_once_the_backlog_is_too_old_and_placed_once_after_it_drains()
    {
        var ordering = new OrderingApi(outage.CreateHttpClient("ordering"), $"admission-{Guid.NewGuid():N}");
        await outage.DrainOrderRequestsAsync();
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
}
