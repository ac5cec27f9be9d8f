using Store.Hosting.Aws.Identity;

namespace Store.AppHost;

internal static class CognitoIdentityExtensions
{
    /// <summary>
    /// Makes the user pool the token issuer of the published stack. Cognito access tokens name the app client in
    /// <c>client_id</c> (they have no <c>aud</c>) and the user's groups in <c>cognito:groups</c>.
    /// </summary>
    public static TokenIssuer AsTokenIssuer(this IResourceBuilder<CognitoUserPoolResource> pool) => new(new Dictionary<string, object>
    {
        [TokenIssuer.AuthoritySetting] = pool.Resource.Issuer,
        [TokenIssuer.AudienceSetting] = pool.Resource.ClientId,
        ["Authentication__Jwt__AudienceClaim"] = "client_id",
        ["Authentication__Jwt__RoleClaim"] = "cognito:groups",
    });
}
