using System.Net;
using System.Net.Http.Json;
using System.Text;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Gateway;

/// <summary>What the public entry point shows, hides and refuses.</summary>
public sealed class EntryPointTests(StoreAppFixture store)
{
    private readonly GatewayApi gateway = new(store);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/products")]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/catalog/messaging/dead-letters")]
    [InlineData("/api/v1/messaging/dead-letters")]
    [InlineData("/api/catalog/openapi/v1.json")]
    [InlineData("/api/catalog/scalar/")]
    [InlineData("/api/orders/../../api/v1/messaging/dead-letters")]
    [InlineData("/api/catalog/products/..%2F..%2Fmessaging%2Fdead-letters")]
    [InlineData("/api/analytics/../v1/audit")]
    public async Task Only_declared_routes_are_reachable_even_for_an_admin(string path)
    {
        using var response = await gateway.SendAsync(HttpMethod.Get, path, TestTokens.Admin);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Answers_carry_security_headers_and_no_server_banner()
    {
        using var response = await gateway.SendAsync(HttpMethod.Get, "/api/catalog/categories");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Another_origin_gets_no_cross_origin_permission()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/orders");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");

        using var response = await gateway.Http.SendAsync(preflight, Cancellation);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_caller_over_the_limit_gets_429_with_retry_after()
    {
        var token = TestTokens.For($"greedy-{Guid.NewGuid():N}");
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 650), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancellation }, async (_, cancellation) =>
        {
            using var response = await gateway.Http.SendAsync(GatewayApi.Request(HttpMethod.Get, "/api/catalog/categories", token), cancellation);
            statuses.Add(response.StatusCode);
        });

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(600, statuses.Count(status => status == HttpStatusCode.OK));
        using var refused = await gateway.SendAsync(HttpMethod.Get, "/api/catalog/categories", token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_price_changed_through_the_gateway_shows_in_the_next_read_despite_the_cache()
    {
        var catalog = new CatalogApi(store.CreateHttpClient("catalog", TestTokens.Admin));
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(price: 10m));
        var path = $"/api/catalog/products/{product.Id}";
        var first = await gateway.Http.GetFromJsonAsync<ProductView>(path, Cancellation);
        Assert.Equal(10m, first!.Price);

        using var update = await gateway.SendAsync(HttpMethod.Put, path, TestTokens.Admin, new
        {
            sku = product.Sku,
            name = product.Name,
            description = "Repriced through the gateway.",
            price = 12.5m,
            currency = "USD",
            category = "kitchen",
            imageUrl = "/images/test.jpg",
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        Assert.Equal(12.5m, (await gateway.Http.GetFromJsonAsync<ProductView>(path, Cancellation))!.Price);
    }

    public static TheoryData<string, string, string, string?> HostileRequests() => new()
    {
        { "order with SQL in the token", "POST", "/api/orders", """{"lines":[{"productId":"0193f1c2-5b7e-7d4a-9c1e-2f3a4b5c6d7e","quantity":1}],"paymentToken":"'; DROP TABLE orders; --"}""" },
        { "order truncated", "POST", "/api/orders", """{"lines":[{"productId":""" },
        { "order with numbers as text", "POST", "/api/orders", """{"lines":[{"productId":"0193f1c2-5b7e-7d4a-9c1e-2f3a4b5c6d7e","quantity":"1"}],"paymentToken":"tok_approve"}""" },
        { "order id that is not one", "GET", "/api/orders/not-a-guid", null },
        { "cancel with a body of junk", "POST", $"/api/orders/{Guid.NewGuid()}/cancel", "\u0000\u0001junk" },
        { "clickstream of the wrong shape", "POST", "/api/analytics/events", """{"events":"all of them"}""" },
        { "clickstream naming someone else", "POST", "/api/analytics/events", $$"""{"events":[{"id":"{{Guid.NewGuid()}}","type":"searched","query":"x","sessionId":"s","userId":"alice","occurredAt":"{{DateTimeOffset.UtcNow:O}}"}]}""" },
        { "product search with a huge query", "GET", "/api/catalog/products?q=" + new string('a', 5000), null },
        { "product list with a forged cursor", "GET", "/api/catalog/products?cursor=%00%FF", null },
        { "rankings of an unknown metric", "GET", "/api/analytics/top/live?metric=../../etc/passwd", null },
        { "sign-in with a megabyte name", "POST", "/api/identity/token", "{\"userName\":\"" + new string('x', 100_000) + "\",\"password\":\"x\"}" },
        { "sign-in as an array", "POST", "/api/identity/token", "[1,2,3]" },
    };

    [Theory]
    [MemberData(nameof(HostileRequests))]
    public async Task Hostile_requests_get_a_4xx_and_never_a_5xx(string @case, string method, string path, string? body)
    {
        using var request = GatewayApi.Request(new HttpMethod(method), path, TestTokens.For($"hostile-{Guid.NewGuid():N}"));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await gateway.Http.SendAsync(request, Cancellation);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{@case}: {(int)response.StatusCode}");
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }
}
