using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Store.Security;

namespace Store.Gateway.Identity;

/// <summary>
/// The development identity's OpenID discovery document and JWKS: how every service finds the public key of the
/// tokens it validates, as it would find a Cognito user pool's. Addresses are built from the configured authority
/// (what services call it), not from the request, so a caller cannot make the document name another key set.
/// </summary>
internal static class DiscoveryApi
{
    public const string ConfigurationPath = "/.well-known/openid-configuration";
    public const string KeysPath = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        var discovery = app.MapGroup("").WithTags("Identity").AllowAnonymous();
        discovery.MapGet(ConfigurationPath, (IOptions<JwtSettings> jwt) =>
            {
                var authority = jwt.Value.Authority.TrimEnd('/');
                return new OpenIdConfiguration(jwt.Value.Authority, authority + KeysPath, authority + IdentityApi.TokenPath, ["RS256"]);
            })
            .WithName("OpenIdConfiguration").WithSummary("OpenID discovery: the issuer and where its signing keys are.");
        discovery.MapGet(KeysPath, (TokenSigner signer) => new SigningKeySet([SigningKey.From(signer.PublicKey)]))
            .WithName("SigningKeys").WithSummary("The public keys tokens are signed with (JWKS).");
        return app;
    }
}

public sealed record OpenIdConfiguration(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms);

public sealed record SigningKeySet([property: JsonPropertyName("keys")] IReadOnlyList<SigningKey> Keys);

/// <summary>An RSA public key as a JSON Web Key (RFC 7517): modulus and exponent, never a private parameter.</summary>
public sealed record SigningKey(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("n")] string Modulus,
    [property: JsonPropertyName("e")] string Exponent)
{
    internal static SigningKey From(Microsoft.IdentityModel.Tokens.JsonWebKey key) => new(key.Kty, key.Use, key.Alg, key.Kid, key.N, key.E);
}
