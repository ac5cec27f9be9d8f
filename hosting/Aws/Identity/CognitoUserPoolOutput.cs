using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Identity;

/// <summary>A value the user pool has once deployed (its issuer address, its app client id), for a service's configuration.</summary>
public sealed record CognitoUserPoolOutput(CognitoUserPoolResource Resource, string Name) : IValueProvider, IManifestExpressionProvider
{
    public const string IssuerName = "issuer";
    public const string ClientIdName = "clientId";

    public string ValueExpression => $"{{{Resource.Name}.outputs.{Name}}}";

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"'{Resource.Name}' is a Cognito user pool of the published stack: its {Name} exists only there.");
}
