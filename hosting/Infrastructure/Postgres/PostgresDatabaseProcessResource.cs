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
        ((IResourceWithConnectionString)Parent).GetConnectionProperties()
            .Where(property => property.Key != "Uri")
            .Append(new("Database", ReferenceExpression.Create($"{DatabaseName}")))
            .Append(new("Uri", ReferenceExpression.Create(
                $"postgresql://{PostgresServerProcessResource.UserName}:{Parent.PasswordParameter:uri}@{Parent.PrimaryEndpoint.Property(EndpointProperty.Host)}:{Parent.PrimaryEndpoint.Property(EndpointProperty.Port)}/{DatabaseName}")));
}
