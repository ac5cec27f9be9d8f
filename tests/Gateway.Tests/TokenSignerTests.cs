using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Store.Gateway.Identity;
using Store.Security;

namespace Store.Gateway.Tests;

public sealed class TokenSignerTests
{
    private static readonly string PrivateKeyPem = RSA.Create(2048).ExportPkcs8PrivateKeyPem();
    private readonly TokenSigner _signer = new(PrivateKeyPem);

    [Fact]
    public async Task A_token_it_signs_validates_with_the_public_key_it_publishes_and_nothing_else()
    {
        var token = _signer.Sign("http://gateway", "store-api", [new Claim("sub", "alice"), new Claim("role", "customer")], DateTime.UtcNow, TimeSpan.FromMinutes(5));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "http://gateway",
            ValidAudience = "store-api",
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKeys = new JsonWebKeySet(System.Text.Json.JsonSerializer.Serialize(new SigningKeySet([SigningKey.From(_signer.PublicKey)]))).GetSigningKeys(),
        };

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("RS256", ((JsonWebToken)result.SecurityToken).Alg);
        Assert.Equal(_signer.PublicKey.Kid, ((JsonWebToken)result.SecurityToken).Kid);
    }

    [Fact]
    public void The_published_key_has_no_private_part()
    {
        var key = SigningKey.From(_signer.PublicKey);
        var json = System.Text.Json.JsonSerializer.Serialize(key);

        Assert.Equal(("RSA", "sig", "RS256"), (key.KeyType, key.Use, key.Algorithm));
        Assert.False(_signer.PublicKey.HasPrivateKey);
        Assert.DoesNotMatch("\"(d|p|q|dp|dq|qi)\"", json);
    }

    [Fact]
    public void The_key_id_is_the_same_for_the_same_key_so_tokens_outlive_a_restart() =>
        Assert.Equal(_signer.PublicKey.Kid, new TokenSigner(PrivateKeyPem).PublicKey.Kid);

    [Fact]
    public void Without_a_signing_key_the_web_UI_signs_in_against_the_Cognito_pool_of_the_authority()
    {
        var signIn = SignInConfiguration.For(new IdentityOptions(), new JwtSettings
        {
            Authority = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example1",
            Audience = "client-id",
            AudienceClaim = JwtSettings.AudienceClaimClientId,
        });

        Assert.Equal(new SignInConfiguration(SignInConfiguration.Cognito, null, "https://cognito-idp.eu-west-1.amazonaws.com/", "client-id"), signIn);
    }

    [Fact]
    public void With_a_signing_key_the_web_UI_signs_in_against_the_development_identity() =>
        Assert.Equal(
            new SignInConfiguration(SignInConfiguration.Development, IdentityApi.TokenPath, null, null),
            SignInConfiguration.For(new IdentityOptions { SigningKey = PrivateKeyPem }, new JwtSettings { Authority = "http://gateway", Audience = "store-api" }));
}
