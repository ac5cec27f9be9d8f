using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Store.Security;

namespace Store.ServiceDefaults.Tests;

/// <summary>
/// The rules every service applies to a bearer token, with the issuer's public key standing in for what its JWKS
/// delivers: locally the development identity's shape (<c>aud</c>, <c>role</c>), on AWS Cognito access tokens
/// (<c>client_id</c>, <c>cognito:groups</c>, no <c>aud</c>).
/// </summary>
public sealed class TokenValidationTests
{
    private const string PoolIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example1";
    private const string ClientId = "4example0client0id0abcdefgh";

    private static readonly RSA IssuerKey = RSA.Create(2048);
    private static readonly RsaSecurityKey IssuerPublicKey = new(IssuerKey.ExportParameters(includePrivateParameters: false)) { KeyId = "issuer-key" };

    private static readonly string[] AdminGroup = ["admin"];

    private static readonly JwtSettings Development = new() { Authority = "http://gateway", Audience = "store-api" };

    private static readonly JwtSettings Cognito = new()
    {
        Authority = PoolIssuer,
        Audience = ClientId,
        AudienceClaim = JwtSettings.AudienceClaimClientId,
        RoleClaim = "cognito:groups",
    };

    [Fact]
    public async Task A_Cognito_access_token_for_the_app_client_is_accepted_and_its_admin_group_is_the_admin_role()
    {
        var result = await ValidateAsync(Cognito, CognitoAccessToken(ClientId, ["admin"]));

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.True(new ClaimsPrincipal(result.ClaimsIdentity).IsInRole("admin"));
        Assert.Equal("d6f1a2b3-0000-4000-8000-00000000abcd", result.ClaimsIdentity.Name);
    }

    [Fact]
    public async Task A_Cognito_user_in_no_admin_group_has_no_admin_role()
    {
        var result = await ValidateAsync(Cognito, CognitoAccessToken(ClientId, ["customer"]));

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.False(new ClaimsPrincipal(result.ClaimsIdentity).IsInRole("admin"));
        Assert.True(new ClaimsPrincipal(result.ClaimsIdentity).IsInRole("customer"));
    }

    [Fact]
    public async Task A_Cognito_access_token_of_another_app_client_is_refused() =>
        Assert.False((await ValidateAsync(Cognito, CognitoAccessToken("another-client-of-the-pool", ["admin"]))).IsValid);

    [Fact]
    public async Task A_Cognito_id_token_is_refused_where_an_access_token_is_wanted()
    {
        // ID tokens name the client in aud and carry no client_id.
        var idToken = Sign(new Dictionary<string, object> { ["sub"] = "someone", ["aud"] = ClientId, ["token_use"] = "id", ["cognito:groups"] = AdminGroup },
            PoolIssuer, audience: null, IssuerCredentials);

        Assert.False((await ValidateAsync(Cognito, idToken)).IsValid);
    }

    [Fact]
    public async Task A_development_token_for_the_audience_is_accepted_with_its_role() =>
        Assert.True(new ClaimsPrincipal((await ValidateAsync(Development, DevelopmentToken(IssuerCredentials))).ClaimsIdentity).IsInRole("admin"));

    [Fact]
    public async Task A_token_signed_with_another_RSA_key_is_refused() =>
        Assert.False((await ValidateAsync(Development, DevelopmentToken(new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "issuer-key" }, SecurityAlgorithms.RsaSha256)))).IsValid);

    [Theory]
    [InlineData("a shared secret of at least thirty-two bytes, like the old key")]
    [InlineData("the issuer's public key")]
    public async Task A_token_signed_HS256_is_refused_whatever_the_key(string secret)
    {
        var key = secret == "the issuer's public key" ? Encoding.UTF8.GetBytes(IssuerKey.ExportSubjectPublicKeyInfoPem()) : Encoding.UTF8.GetBytes(secret);
        var token = DevelopmentToken(new SigningCredentials(new SymmetricSecurityKey(key) { KeyId = "issuer-key" }, SecurityAlgorithms.HmacSha256));

        Assert.False((await ValidateAsync(Development, token, new SymmetricSecurityKey(key))).IsValid);
    }

    [Theory]
    [InlineData("http://gateway", true, true)]
    [InlineData("http://gateway", false, false)]
    [InlineData(PoolIssuer, false, true)]
    public void Keys_are_fetched_over_plain_HTTP_only_in_development(string authority, bool isDevelopment, bool accepted) =>
        Assert.Equal(accepted, new JwtSettings { Authority = authority, Audience = "store-api" }.IsSecureOr(isDevelopment));

    [Theory]
    [InlineData("", "store-api", "aud")]
    [InlineData("gateway", "store-api", "aud")]
    [InlineData("http://gateway", "", "aud")]
    [InlineData("http://gateway", "store-api", "azp")]
    public void Settings_without_an_absolute_authority_an_audience_or_a_known_audience_claim_are_refused_at_start(string authority, string audience, string audienceClaim) =>
        Assert.False(new JwtSettings { Authority = authority, Audience = audience, AudienceClaim = audienceClaim }.IsValid());

    private static SigningCredentials IssuerCredentials => new(new RsaSecurityKey(IssuerKey) { KeyId = "issuer-key" }, SecurityAlgorithms.RsaSha256);

    private static string CognitoAccessToken(string clientId, string[] groups) => Sign(
        new Dictionary<string, object>
        {
            ["sub"] = "d6f1a2b3-0000-4000-8000-00000000abcd",
            ["client_id"] = clientId,
            ["token_use"] = "access",
            ["scope"] = "aws.cognito.signin.user.admin",
            ["username"] = "ops",
            ["cognito:groups"] = groups,
        },
        PoolIssuer, audience: null, IssuerCredentials);

    private static string DevelopmentToken(SigningCredentials credentials) =>
        Sign(new Dictionary<string, object> { ["sub"] = "ops", ["role"] = "admin" }, Development.Authority, Development.Audience, credentials);

    private static string Sign(Dictionary<string, object> claims, string issuer, string? audience, SigningCredentials credentials)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = credentials,
        });
    }

    /// <summary>Validates as a service would once the issuer's JWKS is fetched: its keys, plus any the attacker hopes for.</summary>
    private static Task<TokenValidationResult> ValidateAsync(JwtSettings settings, string token, SecurityKey? extraKey = null)
    {
        var parameters = TokenValidation.ParametersFor(settings);
        parameters.IssuerSigningKeys = extraKey is null ? [IssuerPublicKey] : [IssuerPublicKey, extraKey];
        return new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
    }
}
