using System.Text.Json.Nodes;
using static Store.Hosting.Aws.Tests.CloudFormationTemplate;

namespace Store.Hosting.Aws.Tests;

[Collection(UsesPublishedAppHost.Name)]
public sealed class SecurityMappingTests(PublishedAppHost stack)
{
    [Fact]
    public void Security_groups_admit_exactly_the_connections_the_references_imply()
    {
        var names = SecurityGroupOwners();
        var allowed = stack.Template.ResourcesOf("AWS::EC2::SecurityGroupIngress")
            .Select(rule => $"{names[Target(rule.Properties["SourceSecurityGroupId"])!]} -> {names[Target(rule.Properties["GroupId"])!]}:{rule.Properties["FromPort"]}")
            .Order();

        string[] expected =
        [
            "analytics -> bus:6379", "analytics -> postgres:5432",
            "catalog -> bus:6379", "catalog -> cache:6379", "catalog -> postgres:5432",
            "gateway -> analytics:8080", "gateway -> cache:6379", "gateway -> catalog:8080", "gateway -> ordering:8080",
            "load-balancer -> gateway:8080",
            "ordering -> bus:6379", "ordering -> postgres:5432",
            "payments -> bus:6379", "payments -> postgres:5432",
            "postgres-setup -> postgres:5432",
        ];
        Assert.Equal(expected, allowed);

        // Only the load balancer is open to addresses, and only on 80 and 443.
        foreach (var (id, group) in stack.Template.ResourcesOf("AWS::EC2::SecurityGroup"))
        {
            var open = (group["SecurityGroupIngress"]?.AsArray() ?? []).Select(rule => ((string?)rule!["CidrIp"], (int)rule["FromPort"]!)).ToList();
            Assert.Equal(names.GetValueOrDefault(id) == "load-balancer" ? [("0.0.0.0/0", 80), ("0.0.0.0/0", 443)] : [], open);
        }
    }

    [Fact]
    public void A_secret_given_to_the_AppHost_never_reaches_the_published_output()
    {
        foreach (var file in Directory.EnumerateFiles(stack.CloudAssembly, "*.json"))
        {
            Assert.DoesNotContain(PublishedAppHost.KnownSecret, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_value_with_a_secret_in_it_is_an_ECS_secret_and_no_plain_variable_holds_one()
    {
        foreach (var (project, (_, task)) in stack.Template.TaskDefinitions)
        {
            foreach (var container in task["ContainerDefinitions"]!.AsArray().Select(container => container!.AsObject()))
            {
                Assert.All(Environment(container), variable =>
                {
                    Assert.DoesNotContain("resolve:secretsmanager", variable.Value.ToJsonString(), StringComparison.Ordinal);
                    Assert.DoesNotMatch("(?i)password|signingkey|ConnectionStrings", variable.Key);
                });
            }

            var secrets = SecretNames(Container(task, project));
            Assert.All(secrets.Where(name => name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)), Assert.NotNull);
        }
    }

    [Fact]
    public void Task_roles_may_write_only_their_own_log_groups_and_traces()
    {
        foreach (var (project, (_, task)) in stack.Template.TaskDefinitions)
        {
            var role = Target(task["TaskRoleArn"]);
            var policy = stack.Template.ResourcesOf("AWS::IAM::Policy").Single(policy => policy.Properties["Roles"]!.AsArray().Any(r => Target(r) == role));
            var statements = policy.Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(statement => statement!.AsObject()).ToList();

            Assert.Equal(["OtlpLogsAndMetrics", "XRayTraces"], statements.Select(statement => (string?)statement["Sid"]).Order());
            var logs = statements.Single(statement => (string?)statement["Sid"] == "OtlpLogsAndMetrics");
            Assert.DoesNotContain("\"*\"", logs["Resource"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(statements.SelectMany(statement => Actions(statement)), action => action.EndsWith('*'));
        }
    }

    private static IEnumerable<string> Actions(JsonObject statement) =>
        statement["Action"] is JsonArray actions ? actions.Select(action => (string)action!) : [(string)statement["Action"]!];

    /// <summary>Security group id → what it protects: a project, a store, or the load balancer.</summary>
    private Dictionary<string, string> SecurityGroupOwners()
    {
        var owners = new Dictionary<string, string>();
        var tasks = stack.Template.TaskDefinitions.ToDictionary(task => task.Value.Id, task => task.Key);
        foreach (var (_, service) in stack.Template.ResourcesOf("AWS::ECS::Service"))
        {
            owners[Target(service["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]![0])!] = tasks[Target(service["TaskDefinition"])!];
        }

        owners[Target(Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBInstance")).Properties["VPCSecurityGroups"]![0])!] = "postgres";
        owners[Assert.Single(stack.Template.ResourcesOf("AWS::EC2::SecurityGroup"), group => group.Id.StartsWith("PostgresSetup", StringComparison.Ordinal)).Id] = "postgres-setup";
        foreach (var (id, group) in stack.Template.ResourcesOf("AWS::ElastiCache::ReplicationGroup"))
        {
            owners[Target(group["SecurityGroupIds"]![0])!] = id.StartsWith("Bus", StringComparison.Ordinal) ? "bus" : "cache";
        }

        owners[Target(Assert.Single(stack.Template.ResourcesOf("AWS::ElasticLoadBalancingV2::LoadBalancer")).Properties["SecurityGroups"]![0])!] = "load-balancer";
        return owners;
    }
}
