using System.Net;
using System.Text.Json;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Gateway;

public sealed class IdentityTests(StoreAppFixture store)
{
    private readonly GatewayApi gateway = new(store);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seeded_customer_signs_in_and_the_token_opens_their_orders()
    {
        var token = await gateway.TokenAsync("bob", "bob-store-demo");

        using var orders = await gateway.SendAsync(HttpMethod.Get, "/api/orders", token);

        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
    }

    [Fact]
    public async Task The_gateway_publishes_its_issuer_and_only_the_public_half_of_its_signing_key()
    {
        using var discovery = JsonDocument.Parse(await gateway.Http.GetStringAsync("/.well-known/openid-configuration", Cancellation));
        Assert.Equal(TestTokens.Issuer, discovery.RootElement.GetProperty("issuer").GetString());
        Assert.Equal($"{TestTokens.Issuer}/.well-known/jwks.json", discovery.RootElement.GetProperty("jwks_uri").GetString());

        using var keys = JsonDocument.Parse(await gateway.Http.GetStringAsync("/.well-known/jwks.json", Cancellation));
        var key = Assert.Single(keys.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(property => property.Name).Order());
        Assert.Equal((TestTokens.PublicKey.Kid, TestTokens.PublicKey.N), (key.GetProperty("kid").GetString(), key.GetProperty("n").GetString()));
    }

    [Fact]
    public async Task The_web_UI_is_told_to_sign_in_against_the_development_identity()
    {
        using var signIn = JsonDocument.Parse(await gateway.Http.GetStringAsync("/api/identity/sign-in", Cancellation));

        Assert.Equal("development", signIn.RootElement.GetProperty("provider").GetString());
        Assert.Equal("/api/identity/token", signIn.RootElement.GetProperty("tokenUrl").GetString());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        using var wrongPassword = await gateway.SignInAsync("alice", "not-her-password");
        using var unknownUser = await gateway.SignInAsync($"nobody-{Guid.NewGuid():N}", "whatever");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal(await DetailAsync(wrongPassword), await DetailAsync(unknownUser));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"userName":"alice"}""")]
    [InlineData("""{"userName":"","password":"x"}""")]
    [InlineData("""{"userName":"alice","password":"x","role":"admin"}""")]
    [InlineData("not json")]
    public async Task A_malformed_sign_in_is_refused_without_a_token(string body)
    {
        using var response = await gateway.Http.PostAsync("/api/identity/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return $"{problem.RootElement.GetProperty("title")}|{problem.RootElement.GetProperty("detail")}";
    }
}
