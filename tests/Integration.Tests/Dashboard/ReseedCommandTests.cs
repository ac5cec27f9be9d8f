using System.Net;
using System.Net.Http.Json;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Messaging;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Dashboard;

/// <summary>Deleting a seeded product would break the tests that count the seed while it is away: this runs alone.</summary>
[Collection(DisruptiveTests.Name)]
public sealed class ReseedCommandTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reseed_puts_a_deleted_seeded_product_back_as_it_was_and_a_second_reseed_restores_nothing()
    {
        // A product from the middle of the list: the browser journeys take the first ones.
        var page = await catalog.Http.GetFromJsonAsync<ProductPageView>("/api/v1/products?sort=price&limit=100", Cancellation);
        var seeded = page!.Items.Where(product => product.Sku.StartsWith("SKU-", StringComparison.Ordinal)).ElementAt(50);
        using (var delete = await catalog.Http.DeleteAsync($"/api/v1/products/{seeded.Id}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var gone = await catalog.Http.GetAsync($"/api/v1/products/{seeded.Id}", Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var first = await store.RunCommandAsync("catalog", "reseed");
        var second = await store.RunCommandAsync("catalog", "reseed");

        Assert.Equal("Restored 1 of the 1,200 seeded products and 0 of the 12 categories.", first.Said());
        Assert.Equal("Restored 0 of the 1,200 seeded products and 0 of the 12 categories.", second.Said());
        var restored = await catalog.GetAsync(seeded.Id);
        Assert.Equal(seeded, restored);
    }
}
