using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Store.Integration.Tests.Security;

/// <summary>
/// The tests sign their own tokens with the private key they give the AppHost's development identity, as the identity
/// would: any subject, any role, so that every test can be a customer of its own. Also the forged tokens attackers
/// send. The key is made for this test run and never written anywhere.
/// </summary>
internal static class TestTokens
{
    /// <summary>The development identity's issuer: the gateway, by its service-discovery name.</summary>
    public const string Issuer = "http://gateway";
    public const string Audience = "store-api";

    private static readonly RSA IssuerKey = RSA.Create(2048);

    /// <summary>Handed to the AppHost as the parameter <c>identity-signing-key</c>.</summary>
    public static string SigningKeyPem { get; } = IssuerKey.ExportPkcs8PrivateKeyPem();

    /// <summary>The public half as PEM: public indeed, so an HMAC secret an attacker can know.</summary>
    public static string PublicKeyPem { get; } = IssuerKey.ExportSubjectPublicKeyInfoPem();

    /// <summary>The public half, as the issuer's JWKS publishes it.</summary>
    public static JsonWebKey PublicKey { get; } = PublicJwkOf(IssuerKey);

    public static string Admin { get; } = For("ops-admin", "admin");

    public static string For(string subject, string role = "customer", DateTime? expires = null, string audience = Audience) =>
        Create(subject, role, expires, audience, new SigningCredentials(new RsaSecurityKey(IssuerKey) { KeyId = PublicKey.Kid }, SecurityAlgorithms.RsaSha256));

    /// <summary>A well-formed token signed RS256 by a key the issuer does not have, naming the issuer's key id.</summary>
    public static string SignedByAnotherRsaKey(string subject = "eve", string role = "admin") =>
        Create(subject, role, null, Audience, new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = PublicKey.Kid }, SecurityAlgorithms.RsaSha256));

    /// <summary>A token signed HS256 with <paramref name="secret"/>: a shared key, as every service held before.</summary>
    public static string SignedHs256(byte[] secret, string subject = "eve", string role = "admin") =>
        Create(subject, role, null, Audience, new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = PublicKey.Kid }, SecurityAlgorithms.HmacSha256));

    /// <summary>A token that says it needs no signature (<c>alg: none</c>) and claims to be an admin.</summary>
    public static string Unsigned(string subject = "mallory", string role = "admin")
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var expires = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return $$"""{{Encode("""{"alg":"none","typ":"JWT"}""")}}.{{Encode($$"""{"sub":"{{subject}}","role":"{{role}}","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{expires}}}""")}}.""";
    }

    private static string Create(string subject, string role, DateTime? expires, string audience, SigningCredentials credentials)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
            IssuedAt = expiry.AddHours(-1),
            NotBefore = expiry.AddHours(-1),
            Expires = expiry,
            SigningCredentials = credentials,
        });
    }

    private static JsonWebKey PublicJwkOf(RSA key)
    {
        var publicKey = new RsaSecurityKey(key.ExportParameters(includePrivateParameters: false));
        publicKey.KeyId = Base64UrlEncoder.Encode(publicKey.ComputeJwkThumbprint());
        return JsonWebKeyConverter.ConvertFromRSASecurityKey(publicKey);
    }
}
