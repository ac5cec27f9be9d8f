namespace Store.AppHost;

/// <summary>
/// Who issues the bearer tokens of this run, as every service must be told (<c>Authentication:Jwt</c>): the issuer's
/// address, whose discovery document names its public keys, and how its tokens name their audience and roles.
/// Values are app-model values (text, endpoint references, stack outputs), resolved where the service runs.
/// <paramref name="SigningKey"/> is the issuer's private key when the AppHost holds it (a local run's development
/// identity), so that the dashboard's commands can sign their own admin token; Cognito's stays with Cognito.
/// </summary>
internal sealed record TokenIssuer(IReadOnlyDictionary<string, object> Settings, IResourceBuilder<ParameterResource>? SigningKey = null)
{
    public const string AuthoritySetting = "Authentication__Jwt__Authority";
    public const string AudienceSetting = "Authentication__Jwt__Audience";
}
