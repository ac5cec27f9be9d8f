using Store.Integration.Tests.Security;
using System.Net.Http.Json;
using System.Net;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Messaging;

namespace Store.Integration.Tests.Ordering;

public sealed class OrderSagaTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"saga-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approved_order_is_confirmed_priced_by_the_catalog_and_its_stock_sold()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(price: 12.50m, initialStock: 10));

        var placed = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, quantity: 3));
        Assert.Equal("submitted", placed.Status);
        var order = await ordering.WaitForFinalAsync(placed.Id);

        Assert.Equal("confirmed", order.Status);
        Assert.Equal(["submitted", "stock-reserved", "payment-authorized"], order.Steps);
        Assert.Equal(37.50m, order.Total);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(new OrderLineView(product.Id, 3, product.Name, 12.50m), Assert.Single(order.Lines));
        await catalog.WaitForStockAsync(product.Id, new StockView(7, 0));
    }

    [Fact]
    public async Task An_order_for_more_than_the_stock_is_cancelled_and_reserves_nothing()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 2));

        var order = await ordering.WaitForFinalAsync((await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, quantity: 3))).Id);

        Assert.Equal("cancelled", order.Status);
        Assert.Equal(["submitted", "stock-rejected"], order.Steps);
        Assert.Equal("insufficient-stock", order.CancellationReason);
        Assert.Equal(new StockView(2, 0), (await catalog.GetAsync(product.Id))!.Stock);
    }

    [Fact]
    public async Task An_order_for_an_unknown_product_is_cancelled()
    {
        var order = await ordering.WaitForFinalAsync((await ordering.PlaceAsync(OrderingApi.NewOrder(Guid.NewGuid()))).Id);

        Assert.Equal("cancelled", order.Status);
        Assert.Equal("unknown-product", order.CancellationReason);
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_and_releases_the_reserved_stock()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 5));

        var placed = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, quantity: 2, paymentToken: "tok_decline"));
        var order = await ordering.WaitForAsync(placed.Id, order => order.Steps.Contains("stock-released"));

        Assert.Equal("cancelled", order.Status);
        Assert.Equal(["submitted", "stock-reserved", "payment-declined", "stock-released"], order.Steps);
        Assert.Equal("card-declined", order.CancellationReason);
        await catalog.WaitForStockAsync(product.Id, new StockView(5, 0));
    }

    [Fact]
    public async Task Cancelling_while_the_payment_is_in_flight_releases_the_stock_and_voids_the_late_authorization()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 5));
        // The provider takes 1.5 s: long enough to cancel while the payment is being authorized.
        var placed = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, quantity: 2, paymentToken: "tok_slow_1500"));
        await ordering.WaitForAsync(placed.Id, order => order.Status == "awaiting-payment");
        // Cancel once payments holds the request: a cancellation that came first would have it refused, with nothing to void.
        await using var bus = await EventBusProbe.ConnectAsync(store);
        var request = await bus.FindAsync("events:ordering", "ordering.payment-requested", $"order/{placed.Id}");
        await bus.WaitUntilInHandAsync("events:ordering", "payments", request.Id);

        using var cancel = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Post, $"/api/v1/orders/{placed.Id}/cancel"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var order = await ordering.WaitForAsync(placed.Id, order => order.Steps.Contains("stock-released") && order.Steps.Contains("payment-voided"));
        Assert.Equal("cancelled", order.Status);
        Assert.Equal(["submitted", "stock-reserved", "cancelled-by-customer"], order.Steps[..3]);
        Assert.DoesNotContain("payment-authorized", order.Steps);
        await catalog.WaitForStockAsync(product.Id, new StockView(5, 0));
    }

    [Fact]
    public async Task A_customer_sees_their_own_orders_newest_first_and_someone_elses_order_is_not_found()
    {
        var product = await catalog.CreateAsync();
        var first = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id));
        var second = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id));
        var stranger = new OrderingApi(ordering.Http, $"stranger-{Guid.NewGuid():N}");

        using var list = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Get, "/api/v1/orders?limit=1"), Cancellation);
        var page = await list.Content.ReadFromJsonAsync<OrderPageView>(Cancellation);
        Assert.Equal(second.Id, Assert.Single(page!.Items).Id);
        using var next = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Get, $"/api/v1/orders?limit=1&cursor={page.NextCursor}"), Cancellation);
        Assert.Equal(first.Id, Assert.Single((await next.Content.ReadFromJsonAsync<OrderPageView>(Cancellation))!.Items).Id);

        Assert.Null(await stranger.GetAsync(first.Id));
        using var cancel = await stranger.Http.SendAsync(stranger.Request(HttpMethod.Post, $"/api/v1/orders/{first.Id}/cancel"), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        using var strangersList = await stranger.Http.SendAsync(stranger.Request(HttpMethod.Get, "/api/v1/orders"), Cancellation);
        Assert.Empty((await strangersList.Content.ReadFromJsonAsync<OrderPageView>(Cancellation))!.Items);
    }

    [Fact]
    public async Task A_confirmed_order_cannot_be_cancelled_and_a_cancelled_one_stays_cancelled()
    {
        var product = await catalog.CreateAsync();
        var confirmed = await ordering.WaitForFinalAsync((await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id))).Id);
        Assert.Equal("confirmed", confirmed.Status);

        using var refused = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Post, $"/api/v1/orders/{confirmed.Id}/cancel"), Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var rejected = await ordering.WaitForFinalAsync((await ordering.PlaceAsync(OrderingApi.NewOrder(Guid.NewGuid()))).Id);
        using var again = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Post, $"/api/v1/orders/{rejected.Id}/cancel"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(rejected.Steps, (await ordering.GetAsync(rejected.Id))!.Steps);
    }

    [Fact]
    public async Task Twenty_concurrent_orders_for_the_last_five_items_confirm_exactly_five()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 5));

        var placed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ordering.PlaceAsync(OrderingApi.NewOrder(product.Id))));
        var final = await Task.WhenAll(placed.Select(order => ordering.WaitForFinalAsync(order.Id)));

        Assert.Equal(5, final.Count(order => order.Status == "confirmed"));
        Assert.Equal(15, final.Count(order => order.Status == "cancelled" && order.CancellationReason == "insufficient-stock"));
        await catalog.WaitForStockAsync(product.Id, new StockView(0, 0));
    }
}
