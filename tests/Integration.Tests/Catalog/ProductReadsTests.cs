using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;
using StackExchange.Redis;

namespace Store.Integration.Tests.Catalog;

public sealed class ProductReadsTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_product_is_kept_in_Redis_and_answered_from_the_cache()
    {
        var created = await catalog.CreateAsync();

        using var first = await catalog.Http.GetAsync($"/api/v1/products/{created.Id}", Cancellation);
        Assert.Equal("miss", first.Headers.GetValues("X-Cache").Single());

        // A replica that hears of the product's creation after that read drops the copy it left in Redis (dropping a
        // replica's own copy drops Redis's too); the next miss puts it back.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await store.GetConnectionStringAsync("cache"));
        await Eventually.UntilAsync(async () =>
            {
                using var read = await catalog.Http.GetAsync($"/api/v1/products/{created.Id}", Cancellation);
                return read.Headers.GetValues("X-Cache").Single() == "hit"
                    && await redis.GetDatabase().KeyExistsAsync($"catalog:product:{created.Id:N}");
            },
            cached => cached, "a read answered from the cache, with the product in Redis", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_change_made_through_one_replica_is_visible_through_every_replica_on_the_next_read()
    {
        var created = await catalog.CreateAsync();
        // The catalog runs two replicas behind one address, taken in turn: these reads fill both replicas' memory.
        for (var read = 0; read < 4; read++)
        {
            Assert.Equal(created.Name, (await catalog.GetAsync(created.Id))!.Name);
        }

        using var update = await catalog.Http.PutAsJsonAsync($"/api/v1/products/{created.Id}",
            CatalogApi.NewProduct(name: "Changed everywhere", initialStock: null), Cancellation);
        update.EnsureSuccessStatusCode();

        for (var read = 0; read < 4; read++)
        {
            Assert.Equal("Changed everywhere", (await catalog.GetAsync(created.Id))!.Name);
        }
    }

    [Fact]
    public async Task A_new_product_appears_in_cached_list_pages_at_once()
    {
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var url = $"/api/v1/products?q={word}";
        for (var read = 0; read < 4; read++)
        {
            Assert.Empty((await catalog.Http.GetFromJsonAsync<ProductPageView>(url, Cancellation))!.Items);
        }

        var created = await catalog.CreateAsync(CatalogApi.NewProduct(name: $"Kettle {word}"));

        for (var read = 0; read < 4; read++)
        {
            Assert.Equal([created.Id], (await catalog.Http.GetFromJsonAsync<ProductPageView>(url, Cancellation))!.Items.Select(product => product.Id));
        }
    }

    [Fact]
    public async Task A_change_is_visible_on_the_next_read_of_a_cached_product()
    {
        var created = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 1));
        await catalog.GetAsync(created.Id);

        using var adjusted = await catalog.Http.PostAsJsonAsync($"/api/v1/products/{created.Id}/stock-adjustments", new { delta = 2, reason = "delivery" }, Cancellation);
        adjusted.EnsureSuccessStatusCode();

        Assert.Equal(3, (await catalog.GetAsync(created.Id))!.Stock.Available);
    }

    [Fact]
    public async Task A_read_with_the_current_ETag_answers_304_without_a_body()
    {
        var created = await catalog.CreateAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{created.Id}");
        request.Headers.IfNoneMatch.Add(new($"\"{created.Version}\""));
        using var response = await catalog.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancellation));
        Assert.Equal($"\"{created.Version}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_read_with_an_old_ETag_answers_the_current_product()
    {
        var created = await catalog.CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{created.Id}");
        request.Headers.IfNoneMatch.Add(new("\"999\""));

        using var response = await catalog.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created, await response.Content.ReadFromJsonAsync<ProductView>(Cancellation));
    }

    [Fact]
    public async Task An_unknown_product_answers_404_problem_details_and_leaves_nothing_in_the_cache()
    {
        var id = Guid.NewGuid();
        using var response = await catalog.Http.GetAsync($"/api/v1/products/{id}", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await CatalogApi.ReadProblemAsync(response);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await store.GetConnectionStringAsync("cache"));
        Assert.False(await redis.GetDatabase().KeyExistsAsync($"catalog:product:{id:N}"), "An absent product was cached.");
    }

    [Fact]
    public async Task Categories_list_the_seeded_twelve_with_their_products()
    {
        var categories = await catalog.Http.GetFromJsonAsync<List<CategoryView>>("/api/v1/categories", Cancellation);

        Assert.Equal(12, categories!.Count);
        Assert.True(categories.Sum(category => category.ProductCount) >= 1_200);
    }

    private sealed record CategoryView(string Slug, string Name, int ProductCount);
}
