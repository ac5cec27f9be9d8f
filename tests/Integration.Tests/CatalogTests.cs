using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StackExchange.Redis;

namespace Store.Integration.Tests;

public sealed class CatalogTests(StoreAppFixture store)
{
    private readonly HttpClient catalog = store.CreateHttpClient("catalog");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_product_is_stored_in_Postgres_and_read_back()
    {
        var created = await CreateProductAsync("Enamel mug", 12.50m);

        await using var connection = new NpgsqlConnection(await store.GetConnectionStringAsync("catalogdb"));
        await connection.OpenAsync(Cancellation);
        await using var query = new NpgsqlCommand("SELECT name, price FROM products WHERE id = $1", connection)
        {
            Parameters = { new() { Value = created.Id } },
        };
        await using (var row = await query.ExecuteReaderAsync(Cancellation))
        {
            Assert.True(await row.ReadAsync(Cancellation), "The product is not in catalogdb.");
            Assert.Equal("Enamel mug", row.GetString(0));
            Assert.Equal(12.50m, row.GetDecimal(1));
        }

        var read = await catalog.GetFromJsonAsync<ProductView>($"/api/v1/products/{created.Id}", Cancellation);
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task A_second_read_comes_from_the_Redis_cache()
    {
        var created = await CreateProductAsync("Linen apron", 30m);

        using var first = await catalog.GetAsync($"/api/v1/products/{created.Id}", Cancellation);
        using var second = await catalog.GetAsync($"/api/v1/products/{created.Id}", Cancellation);

        Assert.Equal("miss", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("hit", second.Headers.GetValues("X-Cache").Single());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(await store.GetConnectionStringAsync("cache"));
        var cached = await redis.GetDatabase().StringGetAsync($"catalog:product:{created.Id:N}");
        Assert.False(cached.IsNull, "The product is not in Redis.");
        Assert.Equal(created, JsonSerializer.Deserialize<ProductView>((string)cached!, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task An_invalid_product_answers_problem_details_with_field_errors()
    {
        using var response = await catalog.PostAsJsonAsync("/api/v1/products", new { name = "", price = -1 }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("price", out _));
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{\"name\":\"Cup\",\"price\":\"ten\"}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task A_malformed_body_answers_400_problem_details_without_internals(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await catalog.PostAsync("/api/v1/products", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_product_answers_404_problem_details()
    {
        using var response = await catalog.GetAsync($"/api/v1/products/{Guid.NewGuid()}", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_endpoints_answer_the_status_alone(string path)
    {
        using var response = await catalog.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancellation));
    }

    private async Task<ProductView> CreateProductAsync(string name, decimal price)
    {
        using var response = await catalog.PostAsJsonAsync("/api/v1/products", new { name, price }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var product = await response.Content.ReadFromJsonAsync<ProductView>(Cancellation);
        Assert.NotNull(product);
        Assert.Equal(new Uri($"/api/v1/products/{product.Id}", UriKind.Relative), response.Headers.Location);
        return product;
    }

    private sealed record ProductView(Guid Id, string Name, decimal Price, DateTimeOffset CreatedAt);
}
