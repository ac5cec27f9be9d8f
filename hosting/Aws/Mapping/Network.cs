using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.ServiceDiscovery;
using Constructs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// Two availability zones: public subnets for the load balancer and NAT, private ones (with egress) for tasks,
/// isolated ones for the databases; an ECS cluster whose Cloud Map namespace serves Service Connect names.
/// </summary>
internal sealed class Network : Construct
{
    public Network(Construct scope, string id, int natGateways, RetentionDays logRetention)
        : base(scope, id)
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = natGateways,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "tasks", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
                new SubnetConfiguration { Name = "data", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
            FlowLogs = new Dictionary<string, IFlowLogOptions>
            {
                ["rejected"] = new FlowLogOptions
                {
                    TrafficType = FlowLogTrafficType.REJECT,
                    Destination = FlowLogDestination.ToCloudWatchLogs(new LogGroup(this, "FlowLogs", new LogGroupProps { Retention = logRetention })),
                },
            },
        });

        Cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = Vpc, ContainerInsights = true });
        Cluster.AddDefaultCloudMapNamespace(new CloudMapNamespaceOptions
        {
            // Named after the stack CloudFormation deploys, not the one synthesized: a staging stack from the same
            // template gets a namespace of its own beside production's.
            Name = $"{Amazon.CDK.Aws.STACK_NAME}.internal",
            Type = NamespaceType.HTTP,
            UseForServiceConnect = true,
        });
    }

    public Vpc Vpc { get; }

    public Cluster Cluster { get; }

    public static SubnetSelection TaskSubnets => new() { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };

    public static SubnetSelection DataSubnets => new() { SubnetType = SubnetType.PRIVATE_ISOLATED };
}
