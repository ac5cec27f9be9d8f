using Store.Integration.Tests.Security;
using System.Net;
using System.Text;

namespace Store.Integration.Tests.Catalog;

/// <summary>Bad and hostile input gets a 4xx with problem details, never a 5xx and never a stack trace.</summary>
public sealed class HostileInputTests(StoreAppFixture store)
{
    private const string Valid = """{"sku":"HOSTILE-1","name":"Cup","description":"","price":3.5,"currency":"USD","category":"kitchen"}""";

    private readonly HttpClient catalog = store.CreateHttpClient("catalog", TestTokens.Admin);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ProductBodies => new()
    {
        { "truncated JSON", """{"sku":""" },
        { "empty body", "" },
        { "an array", "[1,2,3]" },
        { "a string", "\"product\"" },
        { "null", "null" },
        { "price as text", Valid.Replace("3.5", "\"ten\"", StringComparison.Ordinal) },
        { "price as a numeric string", Valid.Replace("3.5", "\"3.5\"", StringComparison.Ordinal) },
        { "negative price", Valid.Replace("3.5", "-1", StringComparison.Ordinal) },
        { "three decimals", Valid.Replace("3.5", "3.555", StringComparison.Ordinal) },
        { "huge price", Valid.Replace("3.5", "1e300", StringComparison.Ordinal) },
        { "unknown field", Valid.Replace("{", """{"isAdmin":true,""", StringComparison.Ordinal) },
        { "SQL in the SKU", Valid.Replace("HOSTILE-1", "X'; DROP TABLE products; --", StringComparison.Ordinal) },
        { "SQL in the category", Valid.Replace("kitchen", "kitchen' OR '1'='1", StringComparison.Ordinal) },
        { "lower-case currency", Valid.Replace("USD", "usd", StringComparison.Ordinal) },
        { "script as image URL", Valid.Replace("\"category\"", "\"imageUrl\":\"javascript:alert(1)\",\"category\"", StringComparison.Ordinal) },
        { "protocol-relative image URL", Valid.Replace("\"category\"", "\"imageUrl\":\"//evil.example/x.png\",\"category\"", StringComparison.Ordinal) },
        { "name of 10,000 characters", Valid.Replace("\"Cup\"", $"\"{new string('a', 10_000)}\"", StringComparison.Ordinal) },
        { "nested objects", Valid.Replace("\"Cup\"", "{\"a\":{\"b\":{\"c\":1}}}", StringComparison.Ordinal) },
        { "deeply nested arrays", new string('[', 5_000) + new string(']', 5_000) },
        { "invalid UTF-8 escape", Valid.Replace("Cup", "\\uD800", StringComparison.Ordinal) },
        { "stock as a fraction", Valid.Replace("}", ",\"initialStock\":1.5}", StringComparison.Ordinal) },
        { "negative stock", Valid.Replace("}", ",\"initialStock\":-1}", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(ProductBodies))]
    public async Task A_bad_product_body_answers_4xx_problem_details(string why, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await catalog.PostAsync("/api/v1/products", content, Cancellation);

        await AssertRefusedAsync(response, why);
    }

    [Fact]
    public async Task A_body_over_64_KiB_answers_413()
    {
        using var content = new StringContent(Valid.Replace("\"\"", $"\"{new string('x', 70_000)}\"", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        using var response = await catalog.PostAsync("/api/v1/products", content, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertRefusedAsync(response, "oversize body");
    }

    [Theory]
    [InlineData("/api/v1/products?limit=0")]
    [InlineData("/api/v1/products?limit=-5")]
    [InlineData("/api/v1/products?limit=abc")]
    [InlineData("/api/v1/products?limit=99999999999")]
    [InlineData("/api/v1/products?sort=name;DROP TABLE products")]
    [InlineData("/api/v1/products?category=Kitchen%27%20OR%201=1")]
    [InlineData("/api/v1/products?cursor=not-a-cursor")]
    [InlineData("/api/v1/products?cursor=MXxhYmN8eA")]
    public async Task A_bad_list_query_answers_400_problem_details(string url)
    {
        using var response = await catalog.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertRefusedAsync(response, url);
    }

    [Fact]
    public async Task Search_syntax_is_data_not_SQL()
    {
        using var response = await catalog.GetAsync("/api/v1/products?q=%27%29%3B%20DROP%20TABLE%20products%3B%20--%20%21%21%20%3A%2A%20%26%7C", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\"1\", \"2\"")]
    [InlineData("W/\"1\"")]
    [InlineData("not-an-etag")]
    public async Task An_If_Match_that_names_no_single_strong_version_fails_the_precondition(string ifMatch)
    {
        var created = await new CatalogApi(catalog).CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/products/{created.Id}");
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        using var response = await catalog.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string why)
    {
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{why}: answered {status}.");
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", text, StringComparison.Ordinal);
    }
}
