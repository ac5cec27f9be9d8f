using Amazon.CDK.AWS.RDS;
using Aspire.Hosting.ApplicationModel;
using Constructs;
using Store.Hosting.Aws.AppModel;
using Store.Hosting.Aws.Images;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// A service's own login on a Postgres server: a role named after the service, owner of the databases the service uses
/// and of nothing else, its password generated in a Secrets Manager secret of its own. <see cref="DatabaseSetup"/>
/// creates it; the service's connection strings carry it, with certificate verification and its share of connections.
/// </summary>
internal sealed class DatabaseRole : Construct
{
    public DatabaseRole(PostgresOnRds server, ComputeService service, IReadOnlyList<PostgresDatabaseResource> databases, int poolSize)
        : base(server, $"{StackNames.Pascal(service.Name)}Role")
    {
        Server = server;
        Service = service;
        Databases = databases;
        PoolSize = poolSize;
        // Resource names are letters, digits and hyphens: a valid identifier once the hyphens go.
        Name = service.Name.Replace('-', '_');
        if (Name == server.UserName || Name.StartsWith("pg_", StringComparison.Ordinal) || Name.StartsWith("rds", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"{service.Name}: '{Name}' is a reserved Postgres role name (the master user, pg_*, rds*); rename the resource.");
        }

        Secret = new DatabaseSecret(this, "Secret", new DatabaseSecretProps { Username = Name, ExcludeCharacters = PostgresOnRds.Punctuation });
        NagAcknowledgement.Acknowledge(Secret,
            ("SMG4", "Rotating the role's password would not update the connection strings derived from it at deploy; rotation is a documented gap."));
    }

    public PostgresOnRds Server { get; }

    public ComputeService Service { get; }

    /// <summary>The role's name in Postgres.</summary>
    public string Name { get; }

    public IReadOnlyList<PostgresDatabaseResource> Databases { get; }

    /// <summary>Maximum Pool Size of each of the service's tasks (<see cref="ConnectionBudget"/>).</summary>
    public int PoolSize { get; }

    public DatabaseSecret Secret { get; }

    public CloudValue Password => CloudValue.Of(Secret.SecretValueFromJson("password").UnsafeUnwrap(), Server.Server, isSecret: true);

    /// <summary>
    /// The server's connection string as this service uses it: its own login, the server certificate verified against
    /// the RDS certificate authorities baked into the image, and its share of the instance's connections.
    /// </summary>
    public CloudValue ConnectionString => CloudValue.Concat([
        CloudValue.Literal("Host="), Server.Endpoint(EndpointProperty.Host),
        CloudValue.Literal(";Port="), Server.Endpoint(EndpointProperty.Port),
        CloudValue.Literal($";Username={Name};Password="), Password,
        CloudValue.Literal($";SSL Mode=VerifyFull;Root Certificate={ImageSource.RdsCertificateBundle};Maximum Pool Size={PoolSize}"),
    ]);

    /// <summary>Aspire's <c>Uri</c> connection property with this role's login instead of the master's.</summary>
    public ReferenceExpression Uri(PostgresDatabaseResource? database)
    {
        var server = Server.Server;
        return database is null
            ? ReferenceExpression.Create($"postgresql://{Name:uri}:{server.PasswordParameter:uri}@{server.Host}:{server.Port}")
            : ReferenceExpression.Create($"postgresql://{Name:uri}:{server.PasswordParameter:uri}@{server.Host}:{server.Port}/{database.DatabaseName:uri}");
    }
}
