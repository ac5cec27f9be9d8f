using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Store.Security;

namespace Store.Gateway.Identity;

/// <summary>Signs HS256 tokens with the same issuer, audience and key every service validates against.</summary>
internal sealed class TokenIssuer(IOptions<JwtSettings> jwt, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public TokenResponse Issue(string userName, string role)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = identity.Value.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Value.Issuer,
            Audience = jwt.Value.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", userName), new Claim(jwt.Value.RoleClaim, role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.Value.SigningKey!)), SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, userName, role);
    }
}
