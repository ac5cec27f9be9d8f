using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Store.Gateway.Identity;

/// <summary>
/// Signs RS256 tokens with an RSA private key given as PEM. The key id is the key's JWK thumbprint (RFC 7638), so
/// the JWKS built from <see cref="PublicKey"/> names the same key without anything stored beside it.
/// Self-contained: anything that holds the issuer's key (the AppHost, for its own commands) can sign with it.
/// </summary>
internal sealed class TokenSigner
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;

    public TokenSigner(string privateKeyPem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        _credentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        PublicKey = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId });
        PublicKey.Use = JsonWebKeyUseNames.Sig;
        PublicKey.Alg = SecurityAlgorithms.RsaSha256;
    }

    /// <summary>The public half, as a JSON Web Key: what validators need, and nothing they could sign with.</summary>
    public JsonWebKey PublicKey { get; }

    public string Sign(string issuer, string audience, IEnumerable<Claim> claims, DateTime issuedAt, TimeSpan lifetime) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = _credentials,
        });
}
