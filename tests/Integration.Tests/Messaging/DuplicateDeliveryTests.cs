using Store.Integration.Tests.Security;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Messaging;

public sealed class DuplicateDeliveryTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"dup-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_redelivered_event_has_no_second_effect()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 10));
        var order = await ordering.WaitForFinalAsync((await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, quantity: 4))).Id);
        Assert.Equal("confirmed", order.Status);
        await catalog.WaitForStockAsync(product.Id, new StockView(6, 0));
        await using var bus = await EventBusProbe.ConnectAsync(store);

        // The same entry again, as the bus delivers it after a consumer dies between its commit and its XACK.
        var submitted = await bus.FindAsync("events:ordering", "ordering.order-submitted", $"order/{order.Id}");
        var requested = await bus.FindAsync("events:ordering", "ordering.payment-requested", $"order/{order.Id}");
        var again = await bus.Database.StreamAddAsync("events:ordering", submitted.Values);
        var andAgain = await bus.Database.StreamAddAsync("events:ordering", requested.Values);
        await bus.WaitUntilAcknowledgedAsync("events:ordering", "catalog", again, TimeSpan.FromSeconds(30));
        await bus.WaitUntilAcknowledgedAsync("events:ordering", "payments", andAgain, TimeSpan.FromSeconds(30));

        Assert.Equal(new StockView(6, 0), (await catalog.GetAsync(product.Id))!.Stock);
        Assert.Equal(order.Steps, (await ordering.GetAsync(order.Id))!.Steps);
    }
}
