using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Store.Integration.Tests.Security;

/// <summary>
/// The tests sign their own tokens with the key they give the AppHost, as the identity provider would: any subject,
/// any role, so that every test can be a customer of its own. Also the malformed tokens attackers send.
/// </summary>
internal static class TestTokens
{
    public const string SigningKey = "integration-tests-only-signing-key-0123456789abcdef";
    public const string Issuer = "store-identity";
    public const string Audience = "store-api";

    public static string Admin { get; } = For("ops-admin", "admin");

    public static string For(string subject, string role = "customer", DateTime? expires = null, string signingKey = SigningKey, string audience = Audience)
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
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A token that says it needs no signature (<c>alg: none</c>) and claims to be an admin.</summary>
    public static string Unsigned(string subject = "mallory", string role = "admin")
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var expires = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return $$"""{{Encode("""{"alg":"none","typ":"JWT"}""")}}.{{Encode($$"""{"sub":"{{subject}}","role":"{{role}}","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{expires}}}""")}}.""";
    }
}
