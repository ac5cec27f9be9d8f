using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Redis;

/// <summary>
/// A Redis server run from the locally installed <c>redis-server</c>: the process-mode sibling of Aspire's
/// <see cref="RedisResource"/>, with the same connection string, so a service cannot tell the two apart.
/// </summary>
public sealed class RedisServerProcessResource(string name, string command, string dataFolder, ParameterResource password)
    : ExecutableResource(name, command, dataFolder), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? primaryEndpoint;

    public EndpointReference PrimaryEndpoint => primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>Where the server keeps its append-only file and its generated configuration.</summary>
    public string DataFolder { get; internal set; } = dataFolder;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties()
    {
        yield return new("Host", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}"));
        yield return new("Port", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Port)}"));
        yield return new("Password", ReferenceExpression.Create($"{PasswordParameter}"));
        yield return new("Uri", ReferenceExpression.Create(
            $"redis://:{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}"));
    }
}
