using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Store.Integration.Tests.Catalog;

/// <summary>The catalog's API as the tests speak it, with products each test makes for itself.</summary>
internal sealed class CatalogApi(HttpClient http)
{
    public HttpClient Http { get; } = http;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static object NewProduct(string? name = null, decimal price = 19.99m, string category = "kitchen", int? initialStock = 10) => new
    {
        sku = $"TEST-{Guid.NewGuid():N}".ToUpperInvariant()[..30],
        name = name ?? $"Test product {Guid.NewGuid():N}",
        description = "Made by an integration test.",
        price,
        currency = "USD",
        category,
        imageUrl = "/images/test.jpg",
        initialStock,
    };

    public async Task<ProductView> CreateAsync(object? product = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/products", product ?? NewProduct(), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<ProductView>(Cancellation);
        Assert.NotNull(created);
        return created;
    }

    public async Task<ProductView?> GetAsync(Guid id) =>
        await Http.GetFromJsonAsync<ProductView>($"/api/v1/products/{id}", Cancellation);

    /// <summary>Stock settles a moment after an order does: the catalog commits the sale when it sees the confirmation.</summary>
    public Task WaitForStockAsync(Guid productId, StockView expected) =>
        Eventually.UntilAsync(async () => (await GetAsync(productId))!.Stock, stock => stock == expected,
            $"Stock of {productId} reaching {expected}", TimeSpan.FromSeconds(60));

    public static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return document.RootElement.Clone();
    }
}

internal sealed record ProductView(
    Guid Id, string Sku, string Name, string Description, decimal Price, string Currency, string Category,
    string? ImageUrl, StockView Stock, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

internal sealed record StockView(int Available, int Reserved);

internal sealed record ProductPageView(List<ProductView> Items, string? NextCursor);
