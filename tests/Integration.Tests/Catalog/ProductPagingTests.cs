using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;

namespace Store.Integration.Tests.Catalog;

public sealed class ProductPagingTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("price")]
    [InlineData("-price")]
    public async Task Paging_returns_every_seeded_product_exactly_once_in_order(string sort)
    {
        var seen = new List<ProductView>();
        string? cursor = null;
        do
        {
            var page = await ReadPageAsync($"/api/v1/products?sort={sort}&limit=100" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.InRange(page.Items.Count, 0, 100);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        // Other tests add products meanwhile; the seeded ones never change.
        var seeded = seen.Where(product => product.Sku.StartsWith("SKU-", StringComparison.Ordinal)).ToList();
        Assert.Equal(1_200, seeded.Count);
        Assert.Equal(seen.Count, seen.Select(product => product.Id).Distinct().Count());

        var keys = seeded.Select(product => sort.EndsWith("price", StringComparison.Ordinal) ? (object)product.Price : product.Name).ToList();
        var expected = sort.StartsWith('-') ? keys.OrderDescending(Comparer<object>.Create(Compare)) : keys.Order(Comparer<object>.Create(Compare));
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task A_category_filter_returns_only_that_category()
    {
        var page = await ReadPageAsync("/api/v1/products?category=books&limit=100");

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, product => Assert.Equal("books", product.Category));
    }

    [Fact]
    public async Task Search_finds_a_product_by_a_word_of_its_name()
    {
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var created = await catalog.CreateAsync(CatalogApi.NewProduct(name: $"Lamp {word} deluxe"));

        var page = await ReadPageAsync($"/api/v1/products?q={word}");

        Assert.Equal([created.Id], page.Items.Select(product => product.Id));
    }

    [Fact]
    public async Task A_cursor_from_another_sort_order_is_refused()
    {
        var page = await ReadPageAsync("/api/v1/products?sort=price&limit=5");

        using var response = await catalog.Http.GetAsync($"/api/v1/products?sort=name&cursor={page.NextCursor}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await CatalogApi.ReadProblemAsync(response)).GetProperty("errors").TryGetProperty("cursor", out _));
    }

    private async Task<ProductPageView> ReadPageAsync(string url) =>
        (await catalog.Http.GetFromJsonAsync<ProductPageView>(url, Cancellation))!;

    // Postgres sorts names with the C collation the cluster was created with: ordinal, byte by byte.
    private static int Compare(object? left, object? right) => (left, right) switch
    {
        (decimal a, decimal b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => throw new InvalidOperationException("Mixed sort keys."),
    };
}
