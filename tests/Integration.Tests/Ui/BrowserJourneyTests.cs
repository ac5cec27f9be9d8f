using Microsoft.Playwright;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Ui;

/// <summary>People using the web UI through the gateway, in a real browser, against the whole running system.</summary>
public sealed class BrowserJourneyTests(StoreAppFixture store, DebianChromium chromium) : IClassFixture<DebianChromium>
{
    /// <summary>A deadline for every expectation, not a wait: a loaded two-core machine can take seconds to sign in.</summary>
    private static readonly float Patience = (float)TimeSpan.FromSeconds(60).TotalMilliseconds;

    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));

    private Uri Gateway => store.App.GetEndpoint("gateway", "http");

    [Fact]
    public async Task A_customer_signs_in_orders_a_product_and_sees_it_confirmed()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(name: $"Journey kettle {Guid.NewGuid():N}"[..24], price: 42m, initialStock: 5));
        await using var journey = await chromium.StartAsync(Gateway);
        var page = await journey.NewPageAsync();

        await page.GotoAsync($"/#/product/{product.Id}");
        await Expect(page.GetByTestId("product-name")).ToHaveTextAsync(product.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.Locator("#nav-cart").ClickAsync();
        await page.GetByTestId("place-order").ClickAsync();
        await page.Locator("input[name=username]").FillAsync("alice");
        await page.Locator("input[name=password]").FillAsync("alice-store-demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("place-order").ClickAsync();

        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("confirmed");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("payment-authorized");
        await DebianChromium.ScreenshotAsync(page, "customer-order-confirmed");
    }

    [Fact]
    public async Task A_customer_whose_order_meets_a_busy_store_sees_it_retried_with_the_same_key_and_confirmed()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(name: $"Journey teapot {Guid.NewGuid():N}"[..24], initialStock: 5));
        await using var journey = await chromium.StartAsync(Gateway);
        var page = await journey.NewPageAsync();
        await SignInAsync(page, "/#/sign-in", "bob", "bob-store-demo");
        await Expect(page.Locator("#nav-orders")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.GotoAsync($"/#/product/{product.Id}");
        await Expect(page.GetByTestId("product-name")).ToHaveTextAsync(product.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.Locator("#nav-cart").ClickAsync();

        // The first attempt is answered as the ordering service answers while admission is closed; the retry reaches it.
        var keys = new List<string>();
        await page.RouteAsync("**/api/orders", async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (keys.Count == 1)
            {
                await route.FulfillAsync(new()
                {
                    Status = 503,
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                    ContentType = "application/problem+json",
                    Body = """{"status":503,"title":"The store is busy."}""",
                });
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.GetByTestId("place-order").ClickAsync();

        await Expect(page.GetByTestId("order-busy")).ToContainTextAsync("busy — retrying");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("confirmed");
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task A_developer_reads_the_identity_API_reference_at_the_gateway()
    {
        await using var journey = await chromium.StartAsync(Gateway);
        var page = await journey.NewPageAsync();

        await page.GotoAsync("/scalar/");

        await Expect(page.GetByText("Store identity API").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.GetByText("Exchanges a seeded user's name and password for a bearer token.").First).ToBeVisibleAsync();
        await DebianChromium.ScreenshotAsync(page, "gateway-api-reference");
    }

    [Fact]
    public async Task An_admin_changes_a_price_and_the_storefront_shows_it()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(name: $"Journey lamp {Guid.NewGuid():N}"[..22], price: 10m));
        await using var journey = await chromium.StartAsync(Gateway);
        var shopper = await journey.NewPageAsync();
        await shopper.GotoAsync($"/#/product/{product.Id}");
        await Expect(shopper.GetByTestId("product-price")).ToHaveTextAsync("$10.00");

        var admin = await journey.NewPageAsync();
        await SignInAsync(admin, "/#/sign-in", "admin", "admin-store-demo");
        await Expect(admin.Locator("#nav-ops")).ToBeVisibleAsync();
        await admin.GotoAsync($"/#/product/{product.Id}");
        await admin.GetByLabel("New price").FillAsync("13.37");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save price" }).ClickAsync();
        await Expect(admin.GetByTestId("product-price")).ToHaveTextAsync("$13.37");

        // The shopper's tab (its own session, not signed in) reloads: the gateway's cached read was evicted.
        await shopper.ReloadAsync();
        await Expect(shopper.GetByTestId("product-price")).ToHaveTextAsync("$13.37");
        await DebianChromium.ScreenshotAsync(shopper, "storefront-shows-new-price");
    }

    [Fact]
    public async Task An_admin_watches_live_activity_in_the_operations_view()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(name: $"Journey drone {Guid.NewGuid():N}"[..23]));
        await using var journey = await chromium.StartAsync(Gateway);
        var admin = await journey.NewPageAsync();
        await SignInAsync(admin, "/#/sign-in?next=ops", "admin", "admin-store-demo");
        await Expect(admin.GetByTestId("feed-state")).ToHaveTextAsync("Live");

        // Someone keeps coming back to the product in another tab; the views reach the live rankings.
        var shopper = await journey.NewPageAsync();
        for (var visit = 0; visit < 15; visit++)
        {
            await shopper.GotoAsync("/#/");
            await shopper.GotoAsync($"/#/product/{product.Id}");
            await Expect(shopper.GetByTestId("product-name")).ToHaveTextAsync(product.Name);
        }

        await Expect(admin.GetByTestId("live-top")).ToContainTextAsync(product.Name);
        await DebianChromium.ScreenshotAsync(admin, "operations-live-activity");
    }

    private static async Task SignInAsync(IPage page, string signInPath, string userName, string password)
    {
        await page.GotoAsync(signInPath);
        await page.Locator("input[name=username]").FillAsync(userName);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator)
    {
        Assertions.SetDefaultExpectTimeout(Patience);
        return Assertions.Expect(locator);
    }
}
