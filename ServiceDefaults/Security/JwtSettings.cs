namespace Store.Security;

/// <summary>
/// Whose tokens a service accepts (<c>Authentication:Jwt</c>). Tokens are signed with a private key only the issuer
/// holds; a service knows the issuer by its <see cref="Authority"/> and fetches the public keys from the JWKS its
/// OpenID discovery document names, so it can check tokens but never make one. Locally the authority is the
/// gateway's development identity; published, an Amazon Cognito user pool. No code changes either way.
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Authentication:Jwt";

    /// <summary>The claim that names the audience in a token's standard shape.</summary>
    public const string AudienceClaimAud = "aud";

    /// <summary>Cognito access tokens carry no <c>aud</c>: the app client they were issued to is in <c>client_id</c>.</summary>
    public const string AudienceClaimClientId = "client_id";

    /// <summary>
    /// The issuer's address, which is also the <c>iss</c> of its tokens: <c>{Authority}/.well-known/openid-configuration</c>
    /// names its JWKS. Resolved through service discovery, so <c>http://gateway</c> reaches the local identity.
    /// </summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>Who tokens must be meant for: an API name locally, the user pool's app client id with Cognito.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>Where a token names its audience: <see cref="AudienceClaimAud"/>, or <see cref="AudienceClaimClientId"/> with Cognito.</summary>
    public string AudienceClaim { get; set; } = AudienceClaimAud;

    /// <summary>The claim that carries roles: <c>role</c> here, <c>cognito:groups</c> with Cognito.</summary>
    public string RoleClaim { get; set; } = "role";

    public bool IsValid() =>
        Uri.TryCreate(Authority, UriKind.Absolute, out var authority) && authority.Scheme is "https" or "http"
        && !string.IsNullOrWhiteSpace(Audience)
        && AudienceClaim is AudienceClaimAud or AudienceClaimClientId
        && !string.IsNullOrWhiteSpace(RoleClaim);

    /// <summary>Keys fetched over plain HTTP could be swapped on the way: only a development run may do without TLS.</summary>
    public bool IsSecureOr(bool isDevelopment) => isDevelopment || Authority.StartsWith("https://", StringComparison.Ordinal);
}
