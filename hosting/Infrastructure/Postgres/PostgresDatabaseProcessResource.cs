using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Postgres;

/// <summary>A database on a <see cref="PostgresServerProcessResource"/>, created before its dependents start.</summary>
public sealed class PostgresDatabaseProcessResource(string name, string databaseName, PostgresServerProcessResource parent)
    : Resource(name), IResourceWithParent<PostgresServerProcessResource>, IResourceWithConnectionString
{
    public PostgresServerProcessResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        Parent.CombineProperties(
        [
            new("DatabaseName", ReferenceExpression.Create($"{DatabaseName}")),
            new("Uri", Parent.UriFor(DatabaseName)),
            new("JdbcConnectionString", Parent.JdbcConnectionStringFor(DatabaseName)),
        ]);
}
