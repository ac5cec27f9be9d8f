using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Store.Integration.Tests.Catalog;

public sealed class ProductWritesTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_product_is_stored_in_Postgres_with_its_stock_and_read_back()
    {
        var created = await catalog.CreateAsync(CatalogApi.NewProduct(name: "Enamel mug", price: 12.50m, initialStock: 7));

        await using var connection = new NpgsqlConnection(await store.GetConnectionStringAsync("catalogdb"));
        await connection.OpenAsync(Cancellation);
        await using var query = new NpgsqlCommand(
            "SELECT p.name, p.price, s.available FROM products p JOIN stock s ON s.product_id = p.id WHERE p.id = $1", connection)
        {
            Parameters = { new() { Value = created.Id } },
        };
        await using (var row = await query.ExecuteReaderAsync(Cancellation))
        {
            Assert.True(await row.ReadAsync(Cancellation), "The product is not in catalogdb.");
            Assert.Equal("Enamel mug", row.GetString(0));
            Assert.Equal(12.50m, row.GetDecimal(1));
            Assert.Equal(7, row.GetInt32(2));
        }

        Assert.Equal(created, await catalog.GetAsync(created.Id));
    }

    [Fact]
    public async Task An_update_replaces_the_product_and_moves_its_version_and_ETag()
    {
        var created = await catalog.CreateAsync();
        var replacement = CatalogApi.NewProduct(name: "Renamed", price: 5m, category: "garden", initialStock: null);

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{created.Id}") { Content = JsonContent.Create(replacement) };
        request.Headers.IfMatch.Add(new($"\"{created.Version}\""));
        using var response = await catalog.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<ProductView>(Cancellation);
        Assert.Equal(("Renamed", 5m, "garden", created.Version + 1), (updated!.Name, updated.Price, updated.Category, updated.Version));
        Assert.Equal($"\"{updated.Version}\"", response.Headers.ETag?.Tag);
        Assert.Equal(created.Stock, updated.Stock);
    }

    [Fact]
    public async Task An_update_with_a_stale_If_Match_answers_412_and_changes_nothing()
    {
        var created = await catalog.CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{created.Id}")
        {
            Content = JsonContent.Create(CatalogApi.NewProduct(name: "Lost update", initialStock: null)),
        };
        request.Headers.IfMatch.Add(new($"\"{created.Version + 5}\""));

        using var response = await catalog.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        await CatalogApi.ReadProblemAsync(response);
        Assert.Equal(created, await catalog.GetAsync(created.Id));
    }

    [Fact]
    public async Task A_deleted_product_is_gone()
    {
        var created = await catalog.CreateAsync();
        await catalog.GetAsync(created.Id); // cached

        using var deleted = await catalog.Http.DeleteAsync($"/api/v1/products/{created.Id}", Cancellation);
        using var read = await catalog.Http.GetAsync($"/api/v1/products/{created.Id}", Cancellation);
        using var deletedAgain = await catalog.Http.DeleteAsync($"/api/v1/products/{created.Id}", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Fact]
    public async Task A_second_product_with_the_same_SKU_answers_409()
    {
        var product = CatalogApi.NewProduct();
        await catalog.CreateAsync(product);

        using var response = await catalog.Http.PostAsJsonAsync("/api/v1/products", product, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await CatalogApi.ReadProblemAsync(response);
    }

    [Fact]
    public async Task An_unknown_category_is_a_field_error()
    {
        using var response = await catalog.Http.PostAsJsonAsync("/api/v1/products", CatalogApi.NewProduct(category: "no-such-category"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await CatalogApi.ReadProblemAsync(response)).GetProperty("errors").TryGetProperty("category", out _));
    }

    [Fact]
    public async Task Stock_adjustments_add_and_remove_but_never_go_below_zero()
    {
        var created = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 3));

        using var received = await catalog.Http.PostAsJsonAsync($"/api/v1/products/{created.Id}/stock-adjustments", new { delta = 4, reason = "delivery" }, Cancellation);
        using var tooMany = await catalog.Http.PostAsJsonAsync($"/api/v1/products/{created.Id}/stock-adjustments", new { delta = -8, reason = "breakage" }, Cancellation);

        Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        Assert.Equal(7, (await received.Content.ReadFromJsonAsync<ProductView>(Cancellation))!.Stock.Available);
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal(7, (await catalog.GetAsync(created.Id))!.Stock.Available);
    }
}
