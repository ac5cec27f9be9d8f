using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Aspire.Hosting.ApplicationModel;
using Constructs;
using Store.Hosting.Aws.AppModel;
using Store.Hosting.Aws.Options;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// A Postgres server as RDS for PostgreSQL in the isolated subnets: encrypted storage, backups, logs in CloudWatch,
/// master credentials generated in Secrets Manager. Each service that uses it gets a role of its own
/// (<see cref="DatabaseRole"/>), made with its databases by a one-off task (<see cref="DatabaseSetup"/>), since
/// CloudFormation has no resource for either; the master credentials reach that task and no service.
/// </summary>
internal sealed class PostgresOnRds : Construct
{
    /// <summary>The <c>psql</c> the setup task and the services' readiness checks run.</summary>
    public const string ClientImage = "public.ecr.aws/docker/library/postgres:17-alpine";

    public const int Port = 5432;

    // Alphanumeric passwords: they land in URIs and Npgsql connection strings, where ; @ / : would need escaping.
    public const string Punctuation = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public PostgresOnRds(Construct scope, PostgresServerResource server, string userName, IReadOnlyList<ComputeService> services, Network network, RetentionDays logRetention)
        : base(scope, StackNames.Pascal(server.Name))
    {
        var options = server.OptionsOf<RdsOptions>();
        Server = server;
        UserName = userName;
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = network.Vpc,
            AllowAllOutbound = false,
            Description = $"{server.Name}: Postgres, reachable only from the services that reference it",
        });

        // The log group the instance writes to, made here with its retention rather than by CDK's retention Lambda;
        // so the instance's name is known before it exists. It is unique per deployed stack (the first part of the
        // stack's id), so a second stack from the same template (staging beside production) gets its own instance,
        // and lowercase, as RDS stores identifiers and names the log group.
        var stackSuffix = Fn.Select(0, Fn.Split("-", Fn.Select(2, Fn.Split("/", Amazon.CDK.Aws.STACK_ID))));
        var identifier = $"{server.Name.ToLowerInvariant()}-{stackSuffix}";
        var logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/aws/rds/instance/{identifier}/postgresql",
            Retention = logRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Instance = new DatabaseInstance(this, "Instance", new DatabaseInstanceProps
        {
            InstanceIdentifier = identifier,
            // The major version only: RDS picks its current minor (a pinned minor is retired within about a year and
            // then refused for new instances), and minor upgrades follow automatically. The services are tested on 15
            // (local processes) and 18 (Aspire's container); 17 is a major every RDS region offers.
            Engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps { Version = PostgresEngineVersion.Of("17", "17") }),
            InstanceType = new Amazon.CDK.AWS.EC2.InstanceType(options.InstanceClass),
            Vpc = network.Vpc,
            VpcSubnets = Network.DataSubnets,
            SecurityGroups = [SecurityGroup],
            Credentials = Credentials.FromGeneratedSecret(UserName, new CredentialsBaseOptions { ExcludeCharacters = Punctuation }),
            AllocatedStorage = options.AllocatedStorageGiB,
            MaxAllocatedStorage = options.MaxAllocatedStorageGiB,
            StorageType = StorageType.GP3,
            StorageEncrypted = true,
            MultiAz = options.MultiAz,
            BackupRetention = Duration.Days(options.BackupRetentionDays),
            DeletionProtection = options.DeletionProtection,
            // Deleting the stack (or replacing the instance) keeps a final snapshot: the data outlives the stack.
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
            CloudwatchLogsExports = ["postgresql"],
            AutoMinorVersionUpgrade = true,
            PubliclyAccessible = false,
        });
        Instance.Node.AddDependency(logs);

        var acknowledged = new List<(string, string)>
        {
            ("RDS11", "The default port: access is limited by security group to the referencing services, and every client is configured from the template."),
            ("SMG4", "Rotating the master password would not update the connection strings derived from it at deploy; rotation is a documented gap."),
        };
        if (!options.MultiAz)
        {
            acknowledged.Add(("RDS3", "Multi-AZ is an option (PublishAsRdsInstance) left off by default to halve the cost of a first deployment."));
        }

        if (!options.DeletionProtection)
        {
            acknowledged.Add(("RDS10", "Deletion protection is an option (PublishAsRdsInstance) left off so a trial deployment can be destroyed."));
        }

        NagAcknowledgement.Acknowledge(Instance, [.. acknowledged]);
        NagAcknowledgement.Acknowledge(Instance.Node.FindChild("Secret"), acknowledged.Where(finding => finding.Item1 == "SMG4").ToArray());

        Roles = RolesOf(services, options.InstanceClass);
        if (Roles.Count > 0)
        {
            Setup = new DatabaseSetup(this, Roles, network, logRetention);
        }
    }

    public PostgresServerResource Server { get; }

    public DatabaseInstance Instance { get; }

    public SecurityGroup SecurityGroup { get; }

    public string UserName { get; }

    /// <summary>One per service that uses the server.</summary>
    public IReadOnlyList<DatabaseRole> Roles { get; }

    /// <summary>What the services using the server are created after; null when none does.</summary>
    public DatabaseSetup? Setup { get; }

    public CloudValue Endpoint(EndpointProperty property) => property switch
    {
        EndpointProperty.Host or EndpointProperty.IPV4Host => CloudValue.Of(Instance.DbInstanceEndpointAddress, Server),
        EndpointProperty.Port or EndpointProperty.TargetPort => CloudValue.Of(Instance.DbInstanceEndpointPort, Server),
        EndpointProperty.HostAndPort => CloudValue.Of($"{Instance.DbInstanceEndpointAddress}:{Instance.DbInstanceEndpointPort}", Server),
        EndpointProperty.Scheme => CloudValue.Of("tcp", Server),
        _ => throw new NotSupportedException($"{Server.Name}: the {property} of a Postgres endpoint has no RDS equivalent."),
    };

    /// <summary>What a <c>psql</c> container needs to reach the instance as <paramref name="user"/>, its password aside.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment(string user) => new Dictionary<string, string>
    {
        ["PGHOST"] = Instance.DbInstanceEndpointAddress,
        ["PGPORT"] = Instance.DbInstanceEndpointPort,
        ["PGUSER"] = user,
        // The postgres image has no RDS certificate bundle: encrypted, not verified (docs/aws.md).
        ["PGSSLMODE"] = "require",
    };

    /// <summary>
    /// A role per service using the server, owning the databases it uses; every task at auto scaling's ceiling shares
    /// the instance's connections (<see cref="ConnectionBudget"/>). A database belongs to one service.
    /// </summary>
    private List<DatabaseRole> RolesOf(IReadOnlyList<ComputeService> services, string instanceClass)
    {
        var users = services
            .Where(service => service.ReferencedResources.Contains(Server))
            .Select(service => (Service: service, Databases: service.ReferencedResources.OfType<PostgresDatabaseResource>().Where(database => database.Parent == Server).ToList()))
            .ToList();

        var shared = users.SelectMany(user => user.Databases.Select(database => (Database: database, user.Service)))
            .GroupBy(use => use.Database.DatabaseName)
            .FirstOrDefault(group => group.Count() > 1);
        if (shared is not null)
        {
            throw new NotSupportedException(
                $"Database '{shared.Key}' of {Server.Name} is used by {string.Join(" and ", shared.Select(use => use.Service.Name))}: " +
                "each service's role owns its databases, so give each service a database of its own.");
        }

        var poolSize = ConnectionBudget.PoolSize(instanceClass, users.Sum(user => user.Service.MaxReplicas));
        return users.Select(user => new DatabaseRole(this, user.Service, user.Databases, poolSize)).ToList();
    }
}
