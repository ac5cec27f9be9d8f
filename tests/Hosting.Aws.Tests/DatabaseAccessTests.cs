using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Store.Hosting.Aws.Tests.CloudFormationTemplate;

namespace Store.Hosting.Aws.Tests;

/// <summary>How services reach Postgres on AWS: their own roles and secrets, verified TLS, pools that fit the instance.</summary>
[Collection(UsesPublishedAppHost.Name)]
public sealed partial class DatabaseAccessTests(PublishedAppHost stack)
{
    private static readonly (string Project, string Database)[] DatabaseUsers =
        [("analytics", "analyticsdb"), ("catalog", "catalogdb"), ("ordering", "orderingdb"), ("payments", "paymentsdb")];

    private const string RdsBundle = "/etc/ssl/certs/rds-global-bundle.pem";

    [Fact]
    public void Each_service_role_has_a_generated_secret_of_its_own()
    {
        Assert.Equal(DatabaseUsers.Select(user => user.Project), RoleSecrets().Keys.Order());
        Assert.Equal(4, RoleSecrets().Values.Distinct().Count());
    }

    [Fact]
    public void No_service_task_reaches_the_master_secret()
    {
        // The secret, and its attachment to the instance (what ECS secrets of the instance's credentials name).
        var master = stack.Template.ResourcesOf("AWS::SecretsManager::SecretTargetAttachment")
            .Where(attachment => Target(attachment.Properties["SecretId"]) == MasterSecret())
            .Select(attachment => attachment.Id)
            .Append(MasterSecret())
            .ToList();
        Assert.Equal(2, master.Count);
        foreach (var (project, (_, task)) in stack.Template.TaskDefinitions)
        {
            var reachable = new List<JsonNode> { task };
            // The secrets its containers read, and what its execution role may read.
            reachable.AddRange(task["ContainerDefinitions"]!.AsArray()
                .SelectMany(container => container!["Secrets"]?.AsArray() ?? [])
                .Select(secret => stack.Template.Resource(SecretOf(secret!["ValueFrom"]))));
            var executionRole = Target(task["ExecutionRoleArn"]);
            reachable.AddRange(stack.Template.ResourcesOf("AWS::IAM::Policy")
                .Where(policy => policy.Properties["Roles"]!.AsArray().Any(role => Target(role) == executionRole))
                .Select(policy => policy.Properties));

            Assert.All(reachable, node => Assert.DoesNotContain(master, id => node.ToJsonString().Contains(id, StringComparison.Ordinal)));
        }

        // The one task that holds it: the setup task.
        var setup = Container(SetupTask().Task, "set-up-postgres");
        var password = setup["Secrets"]!.AsArray().Single(secret => (string?)secret!["Name"] == "PGPASSWORD")!;
        Assert.Contains(SecretOf(password["ValueFrom"]), master);
    }

    [Fact]
    public void Each_service_connects_as_its_own_role_with_its_own_secret()
    {
        var roleSecrets = RoleSecrets();
        foreach (var (project, database) in DatabaseUsers)
        {
            var fields = ServiceSecretFields(project);
            var connectionString = fields[$"ConnectionStrings__{database}"];
            Assert.Contains($"Username={project};", connectionString, StringComparison.Ordinal);
            Assert.Contains($"{{{{resolve:secretsmanager:${{Ref:{roleSecrets[project]}}}:SecretString:password::}}}}", connectionString, StringComparison.Ordinal);
            Assert.EndsWith($";Database={database}", connectionString, StringComparison.Ordinal);

            // Aspire's connection properties carry the role too, never the master user.
            var prefix = database.ToUpperInvariant();
            Assert.StartsWith($"postgresql://{project}:{{{{resolve:secretsmanager:${{Ref:{roleSecrets[project]}}}", fields[$"{prefix}_URI"], StringComparison.Ordinal);
            Assert.Contains(roleSecrets[project], fields[$"{prefix}_PASSWORD"], StringComparison.Ordinal);
            Assert.Equal(project, (string?)Environment(Container(stack.Template.TaskDefinitions[project].Task, project))[$"{prefix}_USERNAME"]);

            var others = roleSecrets.Where(role => role.Key != project).Select(role => role.Value);
            Assert.All(others, other => Assert.DoesNotContain(other, string.Concat(fields.Values), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_setup_task_creates_the_roles_and_databases_after_the_instance_and_before_the_services()
    {
        var (setupId, setupTask) = SetupTask();
        var setup = Container(setupTask, "set-up-postgres");
        Assert.Equal("analytics:analyticsdb catalog:catalogdb ordering:orderingdb payments:paymentsdb",
            string.Join(' ', ((string)Environment(setup)["ROLES"]!).Split(' ').Order()));
        Assert.Equal(DatabaseUsers.Select(user => $"PASSWORD_{user.Project}").Append("PGPASSWORD").Order(), SecretNames(setup).Order());

        var (runId, run) = Assert.Single(stack.Template.ResourcesOf("Custom::AWS"));
        var call = run["Create"]!.ToJsonString();
        Assert.Contains("runTask", call, StringComparison.Ordinal);
        Assert.Contains(setupId, call, StringComparison.Ordinal);
        Assert.Equal(call, run["Update"]!.ToJsonString());

        var (instance, rds) = Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBInstance"));
        Assert.Contains(instance, DependsOn(runId));
        var setupIngress = stack.Template.ResourcesOf("AWS::EC2::SecurityGroupIngress")
            .Single(rule => Target(rule.Properties["GroupId"]) == Target(rds["VPCSecurityGroups"]![0]) && (string?)rule.Properties["Description"] == "From the database setup task");
        Assert.Contains(setupIngress.Id, DependsOn(runId));
        foreach (var (project, _) in DatabaseUsers)
        {
            var taskId = stack.Template.TaskDefinitions[project].Id;
            var service = stack.Template.ResourcesOf("AWS::ECS::Service").Single(service => Target(service.Properties["TaskDefinition"]) == taskId);
            Assert.Contains(runId, DependsOn(service.Id));
        }

        // Its Lambda may run that task definition, in that cluster, and pass that task's roles: nothing else.
        var policy = stack.Template.ResourcesOf("AWS::IAM::Policy")
            .Single(policy => DependsOn(runId).Contains(policy.Id) && policy.Properties.ToJsonString().Contains("ecs:RunTask", StringComparison.Ordinal));
        var statements = policy.Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(statement => statement!.AsObject()).ToList();
        Assert.Equal(["ecs:RunTask", "iam:PassRole"], statements.Select(statement => (string)statement["Action"]!).Order());
        Assert.Equal(setupId, Target(statements.Single(statement => (string?)statement["Action"] == "ecs:RunTask")["Resource"]));
        Assert.Equal(
            new[] { Target(setupTask["TaskRoleArn"]), Target(setupTask["ExecutionRoleArn"]) }.Order(),
            statements.Single(statement => (string?)statement["Action"] == "iam:PassRole")["Resource"]!.AsArray().Select(Target).Order());
    }

    [Fact]
    public void Every_connection_pool_is_bounded_and_all_tasks_at_their_ceiling_fit_under_max_connections()
    {
        // db.t4g.small: 2 GiB, three quarters counted as DBInstanceClassMemory, 9531392 bytes a connection (RDS's formula).
        Assert.Equal("db.t4g.small", (string?)Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBInstance")).Properties["DBInstanceClass"]);
        const int maxConnections = (int)(2L * 1024 * 1024 * 1024 * 3 / 4 / 9_531_392);
        const int reserved = 10;

        var used = 0;
        foreach (var (project, database) in DatabaseUsers)
        {
            var pool = int.Parse(PoolSize().Match(ServiceSecretFields(project)[$"ConnectionStrings__{database}"]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(pool, 5, 100);
            used += pool * MaxTasks(project);
        }

        Assert.InRange(used, 1, maxConnections - reserved);
    }

    [Fact]
    public void Services_verify_the_database_certificate_against_the_RDS_bundle_baked_into_their_image()
    {
        foreach (var (project, database) in DatabaseUsers)
        {
            Assert.Contains($";SSL Mode=VerifyFull;Root Certificate={RdsBundle};", ServiceSecretFields(project)[$"ConnectionStrings__{database}"], StringComparison.Ordinal);
        }

        var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(stack.CloudAssembly, "store.assets.json")))!["dockerImages"]!.AsObject();
        var directory = Path.Combine(stack.CloudAssembly, (string)assets.First().Value!["source"]!["directory"]!);
        var dockerfile = File.ReadAllText(Path.Combine(directory, "aws-project.Dockerfile"));
        var runtimeStage = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        Assert.Contains($"ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem {RdsBundle}\n", runtimeStage, StringComparison.Ordinal);
    }

    private string MasterSecret() =>
        Target(Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBInstance")).Properties["MasterUserPassword"]!["Fn::Join"]![1]![1])!;

    /// <summary>Generated secrets by the user name in their template, the master's left out.</summary>
    private Dictionary<string, string> RoleSecrets() =>
        stack.Template.ResourcesOf("AWS::SecretsManager::Secret")
            .Where(secret => secret.Properties["GenerateSecretString"]?["SecretStringTemplate"] is not null && secret.Id != MasterSecret())
            .ToDictionary(
                secret => (string)JsonNode.Parse((string)secret.Properties["GenerateSecretString"]!["SecretStringTemplate"]!)!["username"]!,
                secret => secret.Id);

    private (string Id, JsonObject Task) SetupTask() =>
        Assert.Single(stack.Template.ResourcesOf("AWS::ECS::TaskDefinition"), task => task.Id.StartsWith("PostgresSetup", StringComparison.Ordinal));

    /// <summary>The one secret holding a service's secret variables.</summary>
    private IReadOnlyDictionary<string, string> ServiceSecretFields(string project)
    {
        var container = Container(stack.Template.TaskDefinitions[project].Task, project);
        return stack.Template.SecretFields(SecretOf(container["Secrets"]![0]!["ValueFrom"]));
    }

    private int MaxTasks(string project)
    {
        var taskId = stack.Template.TaskDefinitions[project].Id;
        var service = stack.Template.ResourcesOf("AWS::ECS::Service").Single(service => Target(service.Properties["TaskDefinition"]) == taskId).Id;
        return (int)stack.Template.ResourcesOf("AWS::ApplicationAutoScaling::ScalableTarget")
            .Single(scalable => scalable.Properties["ResourceId"]!.ToJsonString().Contains(service, StringComparison.Ordinal)).Properties["MaxCapacity"]!;
    }

    private List<string> DependsOn(string id) => stack.Template.Resource(id)["DependsOn"]?.AsArray().Select(node => (string)node!).ToList() ?? [];

    /// <summary>The secret an ECS <c>ValueFrom</c> names: a plain reference, or a JSON field of one (<c>arn:field::</c>).</summary>
    private static string SecretOf(JsonNode? valueFrom) => Target(valueFrom) ?? Target(valueFrom!["Fn::Join"]![1]![0])!;

    [GeneratedRegex(@";Maximum Pool Size=(\d+)(;|$)")]
    private static partial Regex PoolSize();
}
