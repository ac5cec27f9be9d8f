using System.Net;
using System.Net.Http.Json;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Gateway;

/// <summary>
/// Every public route against every kind of caller, through the gateway: what each may do, and that someone else's
/// order does not even exist for them.
/// </summary>
public sealed class AccessMatrixTests(StoreAppFixture store, AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    public enum Caller
    {
        Anonymous,
        Customer,
        OtherCustomer,
        Admin,
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Route → expected status for anonymous, the order's owner, another customer, an admin.</summary>
    private static readonly Dictionary<string, (Func<World, HttpRequestMessage> Request, HttpStatusCode[] Expected)> Routes = new()
    {
        ["list products"] = (_ => Get("/api/catalog/products?limit=2"), Statuses(200, 200, 200, 200)),
        ["read a product"] = (w => Get($"/api/catalog/products/{w.Product}"), Statuses(200, 200, 200, 200)),
        ["list categories"] = (_ => Get("/api/catalog/categories"), Statuses(200, 200, 200, 200)),
        ["create a product"] = (_ => Send(HttpMethod.Post, "/api/catalog/products", CatalogApi.NewProduct()), Statuses(401, 403, 403, 201)),
        ["adjust stock"] = (w => Send(HttpMethod.Post, $"/api/catalog/products/{w.Product}/stock-adjustments", new { delta = 1, reason = "matrix" }), Statuses(401, 403, 403, 200)),
        ["list own orders"] = (_ => Get("/api/orders"), Statuses(401, 200, 200, 200)),
        ["read an order"] = (w => Get($"/api/orders/{w.Order}"), Statuses(401, 200, 404, 404)),
        ["cancel someone's order"] = (w => Send(HttpMethod.Post, $"/api/orders/{w.Order}/cancel"), Statuses(401, 409, 404, 404)),
        ["send clickstream"] = (_ => Send(HttpMethod.Post, "/api/analytics/events", new { events = new[] { View() } }), Statuses(202, 202, 202, 202)),
        ["live rankings"] = (_ => Get("/api/analytics/top/live"), Statuses(200, 200, 200, 200)),
        ["rankings"] = (_ => Get("/api/analytics/top"), Statuses(200, 200, 200, 200)),
        ["funnel"] = (_ => Get("/api/analytics/funnel"), Statuses(401, 403, 403, 200)),
        ["product series"] = (w => Get($"/api/analytics/products/{w.Product}/series"), Statuses(401, 403, 403, 200)),
        ["replay"] = (_ => Send(HttpMethod.Post, "/api/analytics/replay", new { from = DateTimeOffset.UtcNow.AddMinutes(-2), to = DateTimeOffset.UtcNow.AddMinutes(-1) }), Statuses(401, 403, 403, 200)),
        ["audit log"] = (w => Get($"/api/analytics/audit?entity=order/{w.Order}"), Statuses(401, 403, 403, 200)),
    };

    public static TheoryData<string, Caller> Cases()
    {
        var cases = new TheoryData<string, Caller>();
        foreach (var route in Routes.Keys)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cases.Add(route, caller);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_what_the_route_allows_them(string route, Caller caller)
    {
        var (build, expected) = Routes[route];
        using var request = build(world);
        if (world.TokenOf(caller) is { } token)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await store.CreateHttpClient("gateway").SendAsync(request, Cancellation);

        Assert.True(expected[(int)caller] == response.StatusCode, $"{route} as {caller}: {(int)response.StatusCode}, expected {(int)expected[(int)caller]}");
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static HttpStatusCode[] Statuses(params int[] codes) => [.. codes.Select(code => (HttpStatusCode)code)];

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Send(HttpMethod method, string path, object? body = null) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body) };

    private static object View() => new
    {
        id = Guid.NewGuid(),
        type = "product-viewed",
        sessionId = "matrix",
        occurredAt = DateTimeOffset.UtcNow,
        productId = Guid.NewGuid(),
    };

    /// <summary>A product, and a confirmed order of the customer's, shared by every case.</summary>
    public sealed class World(StoreAppFixture store) : IAsyncLifetime
    {
        public string Customer { get; } = $"matrix-{Guid.NewGuid():N}";

        public Guid Product { get; private set; }

        public Guid Order { get; private set; }

        public string? TokenOf(Caller caller) => caller switch
        {
            Caller.Customer => TestTokens.For(Customer),
            Caller.OtherCustomer => TestTokens.For($"{Customer}-other"),
            Caller.Admin => TestTokens.Admin,
            _ => null,
        };

        public async ValueTask InitializeAsync()
        {
            var catalog = new CatalogApi(store.CreateHttpClient("catalog", TestTokens.Admin));
            Product = (await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 100))).Id;
            var ordering = new Ordering.OrderingApi(store.CreateHttpClient("ordering"), Customer);
            Order = (await ordering.WaitForFinalAsync((await ordering.PlaceAsync(Ordering.OrderingApi.NewOrder(Product))).Id)).Id;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
