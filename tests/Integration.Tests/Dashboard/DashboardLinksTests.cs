namespace Store.Integration.Tests.Dashboard;

public sealed class DashboardLinksTests(StoreAppFixture store)
{
    [Fact]
    public void The_gateway_links_the_storefront_and_the_operations_view_by_name()
    {
        var urls = UrlsOf("gateway");

        var storefront = Assert.Single(urls, url => url.DisplayProperties.DisplayName == "Storefront");
        var operations = Assert.Single(urls, url => url.DisplayProperties.DisplayName == "Operations");
        Assert.Equal("/", new Uri(storefront.Url).PathAndQuery);
        Assert.Equal(new Uri(new Uri(storefront.Url), "/#/ops"), new Uri(operations.Url));
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("catalog")]
    [InlineData("ordering")]
    [InlineData("payments")]
    [InlineData("analytics")]
    public void Every_service_links_its_API_reference(string service)
    {
        var reference = Assert.Single(UrlsOf(service), url => url.DisplayProperties.DisplayName == "API reference");

        Assert.Equal("/scalar", new Uri(reference.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_catalogs_API_reference_link_opens_its_reference()
    {
        var reference = Assert.Single(UrlsOf("catalog"), url => url.DisplayProperties.DisplayName == "API reference");
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(reference.Url), TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"{reference.Url} answered {(int)response.StatusCode}.");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The links the dashboard shows on the resources page for the resource (one replica's: they all show the same).</summary>
    private IReadOnlyList<UrlSnapshot> UrlsOf(string resourceName) =>
        [.. store.ReplicasOf(resourceName).First(replica => replica.Snapshot.Urls.Length > 0).Snapshot.Urls.Where(url => !url.IsInternal)];
}
