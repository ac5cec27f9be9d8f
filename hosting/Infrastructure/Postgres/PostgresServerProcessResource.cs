using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Postgres;

/// <summary>
/// A PostgreSQL server run from the locally installed binaries through <c>postgres-launcher.sh</c>: the
/// process-mode sibling of Aspire's <see cref="PostgresServerResource"/>, with the same connection string.
/// </summary>
public sealed class PostgresServerProcessResource(string name, string launcher, string dataFolder, ParameterResource password)
    : ExecutableResource(name, "/bin/sh", Path.GetDirectoryName(dataFolder)!), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>The superuser, named as the container image names it.</summary>
    public const string UserName = "postgres";

    private readonly Dictionary<string, string> databases = new(StringComparer.OrdinalIgnoreCase);
    private EndpointReference? primaryEndpoint;

    public EndpointReference PrimaryEndpoint => primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    public string Launcher { get; } = launcher;

    public string DataFolder { get; internal set; } = dataFolder;

    /// <summary>Resource name to database name, for every database created on this server at start.</summary>
    public IReadOnlyDictionary<string, string> Databases => databases;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(string resourceName, string databaseName) => databases.TryAdd(resourceName, databaseName);

    /// <summary>As Aspire's <see cref="PostgresServerResource"/> builds it, with a database or without.</summary>
    internal ReferenceExpression UriFor(string? databaseName = null) => databaseName is null
        ? ReferenceExpression.Create($"postgresql://{UserName}:{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}")
        : ReferenceExpression.Create($"postgresql://{UserName}:{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}/{databaseName:uri}");

    /// <summary>As Aspire's <see cref="PostgresServerResource"/> builds it: no credentials, they are properties of their own.</summary>
    internal ReferenceExpression JdbcConnectionStringFor(string? databaseName = null) => databaseName is null
        ? ReferenceExpression.Create($"jdbc:postgresql://{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}")
        : ReferenceExpression.Create($"jdbc:postgresql://{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}/{databaseName:uri}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}")),
        new("Port", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Port)}")),
        new("Username", ReferenceExpression.Create($"{UserName}")),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", UriFor()),
        new("JdbcConnectionString", JdbcConnectionStringFor()),
    ];
}
