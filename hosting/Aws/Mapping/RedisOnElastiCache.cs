using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElastiCache;
using Amazon.CDK.AWS.SecretsManager;
using Aspire.Hosting.ApplicationModel;
using Constructs;
using Store.Hosting.Aws.Options;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// A Redis server as an ElastiCache replication group (cluster mode off, so multi-key scripts keep working) in the
/// isolated subnets: TLS in transit, encryption at rest, an AUTH token generated in Secrets Manager.
/// </summary>
internal sealed class RedisOnElastiCache : Construct
{
    private const int RedisPort = 6379;

    public RedisOnElastiCache(Construct scope, RedisResource server, Network network)
        : base(scope, StackNames.Pascal(server.Name))
    {
        var options = server.OptionsOf<ElastiCacheOptions>();
        Server = server;
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = network.Vpc,
            AllowAllOutbound = false,
            Description = $"{server.Name}: Redis, reachable only from the services that reference it",
        });

        // Alphanumeric: ElastiCache refuses some punctuation, and StackExchange.Redis cannot parse a comma.
        AuthToken = new Secret(this, "AuthToken", new SecretProps
        {
            Description = $"AUTH token of {server.Name}",
            GenerateSecretString = new SecretStringGenerator { ExcludePunctuation = true, PasswordLength = 64 },
        });

        var subnets = new CfnSubnetGroup(this, "Subnets", new CfnSubnetGroupProps
        {
            Description = $"{server.Name}: isolated subnets",
            SubnetIds = network.Vpc.SelectSubnets(Network.DataSubnets).SubnetIds,
        });

        var failover = options.Replicas > 0;
        Group = new CfnReplicationGroup(this, "ReplicationGroup", new CfnReplicationGroupProps
        {
            ReplicationGroupDescription = $"{server.Name} (from the Aspire app model)",
            Engine = options.Engine,
            EngineVersion = options.EngineVersion,
            CacheNodeType = options.NodeType,
            NumCacheClusters = 1 + options.Replicas,
            AutomaticFailoverEnabled = failover,
            MultiAzEnabled = failover,
            TransitEncryptionEnabled = true,
            AtRestEncryptionEnabled = true,
            AuthToken = AuthToken.SecretValue.UnsafeUnwrap(),
            Port = RedisPort,
            CacheSubnetGroupName = subnets.Ref,
            SecurityGroupIds = [SecurityGroup.SecurityGroupId],
            SnapshotRetentionLimit = 1,
        });

        var acknowledged = new List<(string, string)>
        {
            ("AEC5", "The default port: access is limited by security group to the referencing services."),
        };
        if (!failover)
        {
            acknowledged.Add(("AEC4", "Replicas (and with them Multi-AZ failover) are an option (PublishAsElastiCache), off by default for cost."));
        }

        NagAcknowledgement.Acknowledge(Group, [.. acknowledged]);
        NagAcknowledgement.Acknowledge(AuthToken, ("SMG4", "ElastiCache AUTH token rotation needs a rotation strategy the services' connection strings follow; a documented gap."));
    }

    public RedisResource Server { get; }

    public CfnReplicationGroup Group { get; }

    public Secret AuthToken { get; }

    public SecurityGroup SecurityGroup { get; }

    public static int Port => RedisPort;

    public CloudValue Endpoint(EndpointProperty property) => property switch
    {
        EndpointProperty.Host or EndpointProperty.IPV4Host => CloudValue.Of(Group.AttrPrimaryEndPointAddress, Server),
        EndpointProperty.Port or EndpointProperty.TargetPort => CloudValue.Of(Group.AttrPrimaryEndPointPort, Server),
        EndpointProperty.HostAndPort => CloudValue.Of($"{Group.AttrPrimaryEndPointAddress}:{Group.AttrPrimaryEndPointPort}", Server),
        // TLS in transit: clients that build a URI from the scheme need the TLS one.
        EndpointProperty.Scheme => CloudValue.Of("rediss", Server),
        EndpointProperty.TlsEnabled => CloudValue.Of("true", Server),
        _ => throw new NotSupportedException($"{Server.Name}: the {property} of a Redis endpoint has no ElastiCache equivalent."),
    };

    public CloudValue Password => CloudValue.Of(AuthToken.SecretValue.UnsafeUnwrap(), Server, isSecret: true);

    /// <summary>The app model's connection string, plus TLS, which the container it describes does not use.</summary>
    public CloudValue ConnectionString(Func<ReferenceExpression, CloudValue> render)
    {
        var rendered = render(Server.ConnectionStringExpression);
        return rendered.Text.Contains("ssl=true", StringComparison.OrdinalIgnoreCase)
            ? rendered
            : CloudValue.Concat([rendered, CloudValue.Literal(",ssl=true")]);
    }
}
