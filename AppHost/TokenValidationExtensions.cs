namespace Store.AppHost;

internal static class TokenValidationExtensions
{
    /// <summary>Who signs the tokens locally (the gateway's development identity endpoint) and for whom.</summary>
    public const string Issuer = "store-identity";
    public const string Audience = "store-api";

    /// <summary>
    /// Hands a service what it needs to validate bearer tokens itself: issuer, audience and the signing key, a secret
    /// parameter generated once per machine. Against Cognito, set <c>Authentication__Jwt__Authority</c> instead of the key.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTokenValidation(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> signingKey) =>
        service
            .WithEnvironment("Authentication__Jwt__Issuer", Issuer)
            .WithEnvironment("Authentication__Jwt__Audience", Audience)
            .WithEnvironment("Authentication__Jwt__SigningKey", signingKey);
}
