using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.Identity;

namespace Store.Hosting.Aws.AppModel;

/// <summary>Everything the AWS mapping needs from the app model, read once when publishing.</summary>
/// <param name="SourceRoot">The folder image builds start from: holds every project and the build's shared files.</param>
/// <param name="ParameterValues">Values of the non-secret parameters at publish, the defaults of their stack parameters.</param>
internal sealed record PublishedApp(
    IReadOnlyList<ComputeService> Services,
    IReadOnlyList<PostgresServerResource> PostgresServers,
    IReadOnlyList<RedisResource> RedisServers,
    IReadOnlyList<CognitoUserPoolResource> UserPools,
    IReadOnlyDictionary<ParameterResource, string> ParameterValues,
    string SourceRoot)
{
    private const string DefaultPostgresUser = "postgres";

    public string UserNameOf(PostgresServerResource server) =>
        server.UserNameParameter is not { } parameter ? DefaultPostgresUser
        : ParameterValues.TryGetValue(parameter, out var value) ? value
        : throw new NotSupportedException($"{server.Name}: a secret user name cannot be the RDS master user name; make it a plain parameter.");
}
