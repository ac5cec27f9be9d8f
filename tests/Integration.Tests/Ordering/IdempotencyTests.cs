using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;
using Store.Integration.Tests.Catalog;

namespace Store.Integration.Tests.Ordering;

public sealed class IdempotencyTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"idem-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_key_and_body_answer_the_same_order_once()
    {
        var product = await catalog.CreateAsync();
        var body = OrderingApi.NewOrder(product.Id, quantity: 2);

        using var first = await ordering.PostOrderAsync(body, "order-1");
        using var retry = await ordering.PostOrderAsync(body, "order-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<OrderView>(Cancellation);
        Assert.Equal(created!.Id, (await retry.Content.ReadFromJsonAsync<OrderView>(Cancellation))!.Id);
        using var list = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Get, "/api/v1/orders"), Cancellation);
        Assert.Single((await list.Content.ReadFromJsonAsync<OrderPageView>(Cancellation))!.Items);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_order()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 100));
        var body = OrderingApi.NewOrder(product.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ordering.PostOrderAsync(body, "burst")));
        var ids = await Task.WhenAll(responses.Select(async response => (await response.Content.ReadFromJsonAsync<OrderView>(Cancellation))!.Id));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        Assert.Single(ids.Distinct());
        await ordering.WaitForFinalAsync(ids[0]);
        Assert.Equal(99, (await catalog.GetAsync(product.Id))!.Stock.Available);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        var product = await catalog.CreateAsync();
        using var first = await ordering.PostOrderAsync(OrderingApi.NewOrder(product.Id, quantity: 1), "order-2");
        using var other = await ordering.PostOrderAsync(OrderingApi.NewOrder(product.Id, quantity: 2), "order-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("Idempotency-Key", (await CatalogApi.ReadProblemAsync(other)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_without_an_idempotency_key_is_refused_with_400()
    {
        using var response = await ordering.PostOrderAsync(OrderingApi.NewOrder(Guid.NewGuid()), idempotencyKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await CatalogApi.ReadProblemAsync(response)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }
}
