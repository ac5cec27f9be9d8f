namespace Store.AppHost;

internal static class DevelopmentIdentityExtensions
{
    /// <summary>Who the development identity's tokens are for; Cognito's are for its app client instead.</summary>
    public const string Audience = "store-api";

    /// <summary>The AppHost's configuration section with the seeded users (<c>Identity:Users</c>), handed to the gateway.</summary>
    private const string IdentitySection = "Identity";

    /// <summary>
    /// Makes the gateway the token issuer of a local run: it signs seeded users in (AppHost configuration
    /// <c>Identity:Users</c>) and signs their tokens with <paramref name="signingKey"/>, an RSA private key no other
    /// resource receives. Its issuer address is <c>http://&lt;gateway&gt;</c>, resolved by service discovery, so
    /// tokens name the same issuer in every run and on every port.
    /// </summary>
    public static TokenIssuer AsDevelopmentIdentity(this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ParameterResource> signingKey)
    {
        gateway.WithEnvironment("Identity__SigningKey", signingKey).WithSettings(IdentitySection);
        var name = gateway.Resource.Name;
        return new TokenIssuer(new Dictionary<string, object>
        {
            [TokenIssuer.AuthoritySetting] = $"http://{name}",
            [TokenIssuer.AudienceSetting] = Audience,
            [$"services__{name}__http__0"] = gateway.GetEndpoint("http"),
        }, signingKey);
    }
}
