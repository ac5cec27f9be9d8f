using System.Text.Json.Nodes;
using static Store.Hosting.Aws.Tests.CloudFormationTemplate;

namespace Store.Hosting.Aws.Tests;

[Collection(UsesPublishedAppHost.Name)]
public sealed class ComputeMappingTests(PublishedAppHost stack)
{
    private static readonly string[] Projects = ["analytics", "catalog", "gateway", "ordering", "payments"];

    [Fact]
    public void Every_project_becomes_one_Fargate_service_with_its_own_task_definition_and_task_role()
    {
        var services = stack.Template.ResourcesOf("AWS::ECS::Service").ToList();
        var tasks = stack.Template.TaskDefinitions;

        Assert.Equal(Projects, tasks.Keys.Order());
        Assert.Equal(Projects.Length, services.Count);
        Assert.All(services, service => Assert.Equal("FARGATE", (string?)service.Properties["LaunchType"]));
        Assert.Equal(Projects.Length, services.Select(service => Target(service.Properties["TaskDefinition"])).Distinct().Count());
        Assert.Equal(Projects.Length, tasks.Values.Select(task => Target(task.Task["TaskRoleArn"])).Distinct().Count());
        Assert.All(tasks.Values, task =>
        {
            Assert.Equal("512", (string?)task.Task["Cpu"]);
            Assert.Equal("1024", (string?)task.Task["Memory"]);
        });
    }

    [Theory]
    [InlineData("catalog", 2)]
    [InlineData("payments", 2)]
    [InlineData("analytics", 2)]
    [InlineData("ordering", 1)]
    [InlineData("gateway", 1)]
    public void Replicas_become_the_desired_count_and_the_floor_of_auto_scaling(string project, int replicas)
    {
        var service = ServiceOf(project);
        Assert.Equal(replicas, (int)service.Properties["DesiredCount"]!);

        var target = stack.Template.ResourcesOf("AWS::ApplicationAutoScaling::ScalableTarget")
            .Single(scalable => scalable.Properties["ResourceId"]!.ToJsonString().Contains(service.Id, StringComparison.Ordinal));
        Assert.Equal(replicas, (int)target.Properties["MinCapacity"]!);
        Assert.True((int)target.Properties["MaxCapacity"]! > replicas);
    }

    [Fact]
    public void Only_the_project_with_an_external_endpoint_is_behind_the_internet_facing_load_balancer()
    {
        var balancer = Assert.Single(stack.Template.ResourcesOf("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        Assert.Equal("internet-facing", (string?)balancer.Properties["Scheme"]);

        var behindBalancer = Projects.Where(project => ServiceOf(project).Properties["LoadBalancers"] is not null);
        Assert.Equal(["gateway"], behindBalancer);

        var targets = Assert.Single(stack.Template.ResourcesOf("AWS::ElasticLoadBalancingV2::TargetGroup"));
        Assert.Equal("/health", (string?)targets.Properties["HealthCheckPath"]);
        Assert.Equal(8080, (int)targets.Properties["Port"]!);
    }

    [Fact]
    public void The_load_balancer_serves_HTTPS_and_redirects_HTTP_only_when_a_certificate_is_given()
    {
        Assert.Equal("", (string?)stack.Template.Parameters["CertificateArn"]!["Default"]);
        var listeners = stack.Template.ResourcesOf("AWS::ElasticLoadBalancingV2::Listener").ToDictionary(listener => (int)listener.Properties["Port"]!);

        var https = stack.Template.Resource(listeners[443].Id);
        Assert.Equal("HasCertificate", (string?)https["Condition"]);
        Assert.Equal("CertificateArn", Target(listeners[443].Properties["Certificates"]![0]!["CertificateArn"]));

        var httpAction = listeners[80].Properties["DefaultActions"]![0]!["Fn::If"]!.AsArray();
        Assert.Equal("HasCertificate", (string?)httpAction[0]);
        Assert.Equal("redirect", (string?)httpAction[1]!["Type"]);
        Assert.Equal("forward", (string?)httpAction[2]!["Type"]);
    }

    [Fact]
    public void Services_find_each_other_through_Service_Connect_under_their_resource_names()
    {
        foreach (var project in Projects)
        {
            var connect = ServiceOf(project).Properties["ServiceConnectConfiguration"]!;
            Assert.True((bool)connect["Enabled"]!);
            var exposed = Assert.Single(connect["Services"]!.AsArray())!;
            Assert.Equal(project, (string?)exposed["ClientAliases"]![0]!["DnsName"]);
            Assert.Equal(8080, (int)exposed["ClientAliases"]![0]!["Port"]!);
            // Registered in Cloud Map under its own name: the port name, "http", is the same in every service.
            Assert.Equal(project, (string?)exposed["DiscoveryName"]);
        }

        var gateway = Environment(MainContainer("gateway"));
        Assert.Equal("http://catalog:8080", (string?)gateway["services__catalog__http__0"]);
        Assert.Equal("http://ordering:8080", (string?)gateway["services__ordering__http__0"]);
        Assert.Equal("http://analytics:8080", (string?)gateway["services__analytics__http__0"]);
        Assert.DoesNotContain(gateway.Keys, name => name.Contains("https", StringComparison.OrdinalIgnoreCase));
        Assert.All(Projects, project => Assert.Equal("8080", (string?)Environment(MainContainer(project))["HTTP_PORTS"]));
    }

    [Theory]
    [InlineData("catalog", new[] { "ConnectionStrings__catalogdb", "ConnectionStrings__cache", "ConnectionStrings__bus", "CATALOGDB_HOST", "CATALOGDB_URI", "CACHE_URI", "BUS_PASSWORD" })]
    [InlineData("ordering", new[] { "ConnectionStrings__orderingdb", "ConnectionStrings__bus", "ORDERINGDB_JDBCCONNECTIONSTRING" })]
    [InlineData("payments", new[] { "ConnectionStrings__paymentsdb", "ConnectionStrings__bus", "Payments__Provider__Latency", "Payments__Provider__DeclineRate" })]
    [InlineData("analytics", new[] { "ConnectionStrings__analyticsdb", "ConnectionStrings__bus", "ANALYTICSDB_DATABASENAME" })]
    [InlineData("gateway", new[] { "ConnectionStrings__cache", "services__catalog__http__0", "CACHE_HOST" })]
    public void Every_variable_the_app_model_gives_a_project_is_in_its_task(string project, string[] variables)
    {
        var container = MainContainer(project);
        var present = Environment(container).Keys.Concat(SecretNames(container)).ToHashSet();

        Assert.Superset(new HashSet<string>(variables), present);
        Assert.Superset(new HashSet<string> { "Authentication__Jwt__Authority", "Authentication__Jwt__Audience", "Authentication__Jwt__AudienceClaim", "Authentication__Jwt__RoleClaim", "ASPNETCORE_FORWARDEDHEADERS_ENABLED" }, present);
        // Nothing left as an app-model placeholder: every value is text, a stack reference or a join of them.
        Assert.All(Environment(container).Values, value => Assert.DoesNotMatch(@"\{\d+\}|\{[a-z-]+\.", value.ToJsonString()));
    }

    [Fact]
    public void Plain_parameters_become_stack_parameters_defaulting_to_their_value_at_publish()
    {
        Assert.Equal("00:00:00.020", (string?)stack.Template.Parameters["PaymentLatency"]!["Default"]);
        Assert.Equal("0", (string?)stack.Template.Parameters["PaymentDeclineRate"]!["Default"]);
        Assert.Equal("PaymentLatency", Target(Environment(MainContainer("payments"))["Payments__Provider__Latency"]));
    }

    [Fact]
    public void Each_project_runs_an_ADOT_collector_beside_it_and_exports_its_telemetry_there()
    {
        foreach (var (project, (_, task)) in stack.Template.TaskDefinitions)
        {
            var collector = Container(task, "otel-collector");
            Assert.StartsWith("public.ecr.aws/aws-observability/aws-otel-collector:v", (string?)collector["Image"]);
            var configuration = (string)Environment(collector)["AOT_CONFIG_CONTENT"]!.ToJsonString();
            Assert.Contains("awsxray", configuration, StringComparison.Ordinal);
            Assert.Contains("awsemf", configuration, StringComparison.Ordinal);
            Assert.Contains("awscloudwatchlogs", configuration, StringComparison.Ordinal);

            var service = Environment(MainContainer(project));
            Assert.Equal("http://localhost:4317", (string?)service["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal(project, (string?)service["OTEL_SERVICE_NAME"]);
        }

        Assert.All(stack.Template.ResourcesOf("AWS::Logs::LogGroup"), group => Assert.NotNull(group.Properties["RetentionInDays"]));
    }

    [Fact]
    public void A_service_starts_only_after_its_own_role_can_log_in_to_its_databases_and_passes_its_own_health_check()
    {
        foreach (var (project, database) in new[] { ("catalog", "catalogdb"), ("ordering", "orderingdb"), ("payments", "paymentsdb"), ("analytics", "analyticsdb") })
        {
            var task = stack.Template.TaskDefinitions[project].Task;
            var readiness = Container(task, "wait-for-postgres");
            Assert.Equal(database, (string?)Environment(readiness)["DATABASES"]);
            Assert.Equal(project, (string?)Environment(readiness)["PGUSER"]);
            Assert.Contains("PGPASSWORD", SecretNames(readiness));
            Assert.False((bool)readiness["Essential"]!);

            var dependency = Assert.Single(MainContainer(project)["DependsOn"]!.AsArray())!;
            Assert.Equal("wait-for-postgres", (string?)dependency["ContainerName"]);
            Assert.Equal("SUCCESS", (string?)dependency["Condition"]);
        }

        Assert.Null(stack.Template.TaskDefinitions["gateway"].Task["ContainerDefinitions"]!.AsArray()
            .FirstOrDefault(container => ((string?)container!["Name"])!.StartsWith("wait-for-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Containers_are_probed_for_liveness_and_the_load_balancer_for_readiness()
    {
        // A Postgres reboot or a bus failover fails /health everywhere at once: ECS would replace every task.
        Assert.All(Projects, project => Assert.Equal(
            ["CMD", "healthcheck", "/alive"],
            MainContainer(project)["HealthCheck"]!["Command"]!.AsArray().Select(part => (string)part!)));
        Assert.Equal("/health", (string?)Assert.Single(stack.Template.ResourcesOf("AWS::ElasticLoadBalancingV2::TargetGroup")).Properties["HealthCheckPath"]);
    }

    [Fact]
    public void Service_Connect_cuts_no_request_at_15_seconds_and_keeps_idle_connections_five_minutes()
    {
        foreach (var project in Projects)
        {
            var timeout = ServiceOf(project).Properties["ServiceConnectConfiguration"]!["Services"]![0]!["Timeout"]!;
            Assert.Equal(0, (int)timeout["PerRequestTimeoutSeconds"]!);
            Assert.Equal(300, (int)timeout["IdleTimeoutSeconds"]!);
        }
    }

    [Fact]
    public void The_gateway_waits_for_the_listener_that_forwards_to_it_with_or_without_a_certificate()
    {
        var listeners = stack.Template.ResourcesOf("AWS::ElasticLoadBalancingV2::Listener").ToDictionary(listener => (int)listener.Properties["Port"]!, listener => listener.Id);
        var gateway = stack.Template.Resource(ServiceOf("gateway").Id);

        Assert.Contains(listeners[80], gateway["DependsOn"]!.AsArray().Select(dependency => (string?)dependency));
        // The HTTPS listener exists only with a certificate: referenced under that condition, not named in DependsOn.
        var forwardedToBy = gateway["Metadata"]!["ForwardedToBy"]!["Fn::If"]!.AsArray();
        Assert.Equal("HasCertificate", (string?)forwardedToBy[0]);
        Assert.Equal(listeners[443], Target(forwardedToBy[1]));
        Assert.Equal("AWS::NoValue", Target(forwardedToBy[2]));
    }

    [Fact]
    public void Images_are_built_at_deploy_from_the_staged_solution_with_the_project_as_build_argument()
    {
        var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(stack.CloudAssembly, "store.assets.json")))!["dockerImages"]!.AsObject();
        var projects = assets.Select(asset => (string)asset.Value!["source"]!["dockerBuildArgs"]!["PROJECT"]!).Order();

        Assert.Equal(
            ["services/Analytics/Analytics.csproj", "services/Catalog/Catalog.csproj", "services/Gateway/Gateway.csproj", "services/Ordering/Ordering.csproj", "services/Payments/Payments.csproj"],
            projects);
        var sdk = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishedAppHost.RepositoryRoot, "global.json")))!["sdk"]!["version"]!.GetValue<string>();
        Assert.All(assets, asset =>
        {
            Assert.Equal(sdk, (string?)asset.Value!["source"]!["dockerBuildArgs"]!["SDK_VERSION"]);
            var directory = Path.Combine(stack.CloudAssembly, (string)asset.Value!["source"]!["directory"]!);
            Assert.True(File.Exists(Path.Combine(directory, "aws-project.Dockerfile")));
            Assert.True(File.Exists(Path.Combine(directory, "global.json")));
            Assert.False(Directory.Exists(Path.Combine(directory, ".git")));
            Assert.Empty(Directory.GetDirectories(directory, "obj", SearchOption.AllDirectories));
        });
    }

    private (string Id, JsonObject Properties) ServiceOf(string project)
    {
        var taskId = stack.Template.TaskDefinitions[project].Id;
        return stack.Template.ResourcesOf("AWS::ECS::Service").Single(service => Target(service.Properties["TaskDefinition"]) == taskId);
    }

    private JsonObject MainContainer(string project) => Container(stack.Template.TaskDefinitions[project].Task, project);
}
