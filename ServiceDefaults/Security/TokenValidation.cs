using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Store.Security;

/// <summary>
/// What a token must be for a service to accept it: from the authority (issuer), for this audience, unexpired, and
/// signed RS256 by one of the authority's keys — HS256 (a shared secret), <c>alg: none</c> and any other algorithm are
/// refused, whatever key they name. The keys themselves come from the authority's JWKS at run time.
/// </summary>
internal static class TokenValidation
{
    public static TokenValidationParameters ParametersFor(JwtSettings settings) => new()
    {
        ValidIssuer = settings.Authority,
        ValidAudience = settings.Audience,
        AudienceValidator = settings.AudienceClaim == JwtSettings.AudienceClaimClientId
            ? (_, token, _) => token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(JwtSettings.AudienceClaimClientId, out var clientId)
                && string.Equals(clientId, settings.Audience, StringComparison.Ordinal)
            : null,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        RoleClaimType = settings.RoleClaim,
    };
}
