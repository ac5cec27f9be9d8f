using System.Text.Json.Serialization;
using Store.Security;

namespace Store.Gateway.Identity;

/// <summary>
/// Tells the web UI where users sign in, so one UI serves every environment: the development identity's token
/// endpoint in a local run, or the Cognito user pool of a published stack (its API endpoint and app client id, both
/// public by design — the UI is a public client without a secret).
/// </summary>
public sealed record SignInConfiguration(
    string Provider,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CognitoEndpoint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId)
{
    public const string Development = "development";
    public const string Cognito = "cognito";

    /// <summary>The development identity where the gateway holds its key; otherwise the authority is a Cognito user pool,
    /// whose API answers at the origin of its issuer address (https://cognito-idp.&lt;region&gt;.amazonaws.com/).</summary>
    internal static SignInConfiguration For(IdentityOptions identity, JwtSettings jwt) =>
        identity.SigningKey is not null
            ? new(Development, IdentityApi.TokenPath, null, null)
            : new(Cognito, null, new Uri(jwt.Authority).GetLeftPart(UriPartial.Authority) + "/", jwt.Audience);
}
