using System.Net;
using System.Text;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Gateway;

/// <summary>
/// Only the development identity's private key makes a token the gateway and the services accept: forged, stale and
/// shared-secret tokens are refused by the gateway and, behind it, by the service itself.
/// </summary>
public sealed class TokenValidationTests(StoreAppFixture store)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly (string Resource, string Path)[] ProtectedRoutes =
        [("gateway", "/api/orders"), ("ordering", "/api/v1/orders"), ("analytics", "/api/v1/audit?entity=order/1")];

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", TestTokens.For("eve", expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "signed with another RSA key", TestTokens.SignedByAnotherRsaKey() },
        { "HS256 with a secret of its own", TestTokens.SignedHs256(Encoding.UTF8.GetBytes("some-other-key-that-nobody-configured-0123456789")) },
        { "HS256 with the issuer's public key as the secret", TestTokens.SignedHs256(Encoding.UTF8.GetBytes(TestTokens.PublicKeyPem)) },
        { "alg none, claiming admin", TestTokens.Unsigned() },
        { "for another audience", TestTokens.For("eve", audience: "someone-else") },
        { "not a token", "definitely.not.a-jwt" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_by_the_gateway_and_by_the_service(string @case, string token)
    {
        foreach (var (resource, path) in ProtectedRoutes)
        {
            using var response = await store.CreateHttpClient(resource, token).GetAsync(path, Cancellation);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{@case} at {resource}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_token_signed_with_the_issuers_private_key_is_accepted_by_the_gateway_and_by_the_service()
    {
        var token = TestTokens.Admin;
        foreach (var (resource, path) in ProtectedRoutes)
        {
            using var response = await store.CreateHttpClient(resource, token).GetAsync(path, Cancellation);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"at {resource}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_customer_token_does_not_open_admin_routes_of_a_service_reached_directly()
    {
        using var response = await store.CreateHttpClient("catalog", TestTokens.For("eve")).PostAsync(
            "/api/v1/products", System.Net.Http.Json.JsonContent.Create(Catalog.CatalogApi.NewProduct()), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
