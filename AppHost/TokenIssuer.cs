namespace Store.AppHost;

/// <summary>
/// Who issues the bearer tokens of this run, as every service must be told (<c>Authentication:Jwt</c>): the issuer's
/// address, whose discovery document names its public keys, and how its tokens name their audience and roles.
/// Values are app-model values (text, endpoint references, stack outputs), resolved where the service runs.
/// </summary>
internal sealed record TokenIssuer(IReadOnlyDictionary<string, object> Settings);
