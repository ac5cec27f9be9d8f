using System.Net;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Dashboard;

public sealed class ReseedEndpointTests(StoreAppFixture store)
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("customer", HttpStatusCode.Forbidden)]
    public async Task Only_an_admin_may_reseed_the_catalog(string? role, HttpStatusCode expected)
    {
        using var catalog = store.CreateHttpClient("catalog", role is null ? null : TestTokens.For($"reseeder-{Guid.NewGuid():N}", role));

        using var response = await catalog.PostAsync("/api/v1/reseed", null, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }
}
