using System.Security.Claims;
using Microsoft.Extensions.Options;
using Store.Security;

namespace Store.Gateway.Identity;

/// <summary>
/// Issues the development identity's tokens: its own authority as issuer, the audience and role claim every service
/// validates against, signed with the private key only the gateway holds.
/// </summary>
internal sealed class TokenIssuer(TokenSigner signer, IOptions<JwtSettings> jwt, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public TokenResponse Issue(string userName, string role)
    {
        var lifetime = identity.Value.TokenLifetime;
        var token = signer.Sign(jwt.Value.Authority, jwt.Value.Audience, [new Claim("sub", userName), new Claim(jwt.Value.RoleClaim, role)],
            clock.GetUtcNow().UtcDateTime, lifetime);
        return new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, userName, role);
    }
}
