namespace Store.AppHost;

internal static class TokenValidationExtensions
{
    /// <summary>
    /// Hands a service what it needs to validate bearer tokens itself: the issuer's address and the shape of its
    /// tokens — never a key. The service fetches the issuer's public keys (JWKS) and so can check tokens but not make one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTokenValidation(this IResourceBuilder<ProjectResource> service, TokenIssuer issuer) =>
        // A callback rather than WithEnvironment(name, endpoint): the local issuer is the gateway, which references the
        // services, and a reference back would make the gateway and the services depend on each other.
        service.WithEnvironment(context =>
        {
            foreach (var (name, value) in issuer.Settings)
            {
                context.EnvironmentVariables[name] = value;
            }
        });
}
