using System.Net;
using System.Text;
using Store.Integration.Tests.Catalog;

namespace Store.Integration.Tests.Ordering;

public sealed class OrderHostileInputTests(StoreAppFixture store)
{
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"hostile-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("unknown field", """{"lines":[{"productId":"0f27f0e2-505e-03d4-5fae-63a940fa7951","quantity":1}],"paymentToken":"tok_approve","total":0.01}""")]
    [InlineData("quantity as text", """{"lines":[{"productId":"0f27f0e2-505e-03d4-5fae-63a940fa7951","quantity":"1"}],"paymentToken":"tok_approve"}""")]
    [InlineData("negative quantity", """{"lines":[{"productId":"0f27f0e2-505e-03d4-5fae-63a940fa7951","quantity":-3}],"paymentToken":"tok_approve"}""")]
    [InlineData("SQL in the token", """{"lines":[{"productId":"0f27f0e2-505e-03d4-5fae-63a940fa7951","quantity":1}],"paymentToken":"x'; DROP TABLE orders; --"}""")]
    [InlineData("truncated JSON", """{"lines":[""")]
    [InlineData("null", "null")]
    [InlineData("an array", "[1,2,3]")]
    [InlineData("empty body", "")]
    public async Task A_bad_order_answers_400_problem_details_and_creates_nothing(string why, string body)
    {
        using var request = ordering.Request(HttpMethod.Post, "/api/v1/orders", idempotencyKey: Guid.NewGuid().ToString());
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await ordering.Http.SendAsync(request, Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        await CatalogApi.ReadProblemAsync(response);
        using var list = await ordering.Http.SendAsync(ordering.Request(HttpMethod.Get, "/api/v1/orders"), Cancellation);
        Assert.Contains("\"items\":[]", await list.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_body_over_16_KiB_answers_413()
    {
        using var request = ordering.Request(HttpMethod.Post, "/api/v1/orders", idempotencyKey: Guid.NewGuid().ToString());
        request.Content = new StringContent($$"""{"paymentToken":"{{new string('t', 20_000)}}"}""", Encoding.UTF8, "application/json");

        using var response = await ordering.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_order_without_a_customer_answers_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = new StringContent("""{"lines":[],"paymentToken":"tok_approve"}""", Encoding.UTF8, "application/json"),
        };

        using var response = await ordering.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await CatalogApi.ReadProblemAsync(response);
    }
}
