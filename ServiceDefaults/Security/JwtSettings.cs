namespace Store.Security;

/// <summary>
/// Where tokens come from and how they are checked (<c>Authentication:Jwt</c>). Locally the gateway's development
/// identity endpoint signs them with <see cref="SigningKey"/> (an AppHost secret parameter); in production set
/// <see cref="Authority"/> to the issuer's OpenID metadata (e.g. an Amazon Cognito user pool) and its signing keys
/// are fetched from its JWKS instead. No code changes either way.
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Authentication:Jwt";

    /// <summary>The minimum length of a symmetric signing key: HMAC-SHA256 wants at least 256 bits.</summary>
    public const int MinSigningKeyLength = 32;

    public string Issuer { get; set; } = string.Empty;

    public string Audience { get; set; } = string.Empty;

    /// <summary>HS256 key shared by the issuer and the services; unset when <see cref="Authority"/> is used.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The issuer's base address; its <c>.well-known/openid-configuration</c> names the JWKS.</summary>
    public string? Authority { get; set; }

    /// <summary>The claim that carries roles: <c>role</c> here, <c>cognito:groups</c> with Cognito.</summary>
    public string RoleClaim { get; set; } = "role";

    public bool IsValid() => !string.IsNullOrWhiteSpace(Issuer) && !string.IsNullOrWhiteSpace(Audience)
        && (SigningKey is { Length: >= MinSigningKeyLength } ^ !string.IsNullOrWhiteSpace(Authority));
}
