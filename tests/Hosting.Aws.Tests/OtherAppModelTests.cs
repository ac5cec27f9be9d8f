using Aspire.Hosting;
using static Store.Hosting.Aws.Tests.CloudFormationTemplate;

namespace Store.Hosting.Aws.Tests;

/// <summary>The mapping walks whatever model it is given: a different app, with per-resource options, maps too.</summary>
[Collection(UsesOtherAppModel.Name)]
public sealed class OtherAppModelTests(OtherAppModel model)
{
    [Fact]
    public void Another_app_model_maps_with_its_own_names_options_and_references()
    {
        var template = model.Template;

        var tasks = template.TaskDefinitions;
        Assert.Equal(["web", "worker"], tasks.Keys.Order());
        Assert.Equal("1024", (string?)tasks["web"].Task["Cpu"]);
        Assert.Equal("2048", (string?)tasks["web"].Task["Memory"]);
        Assert.Equal("512", (string?)tasks["worker"].Task["Cpu"]);
        Assert.Equal("http://worker:8080", (string?)Environment(Container(tasks["web"].Task, "web"))["services__worker__http__0"]);
        Assert.Contains("ConnectionStrings__ledger", SecretNames(Container(tasks["worker"].Task, "worker")));
        // A secret the app model does not generate is asked for at deploy, and never echoed.
        Assert.Contains("Provider__ApiKey", SecretNames(Container(tasks["worker"].Task, "worker")));
        Assert.True((bool)template.Parameters["ApiKey"]!["NoEcho"]!);
        Assert.Null(template.Parameters["ApiKey"]!["Default"]);
        Assert.Equal("ledger", (string?)Environment(Container(tasks["worker"].Task, "wait-for-sql"))["DATABASES"]);
        Assert.Equal("worker", (string?)Environment(Container(tasks["worker"].Task, "worker"))["LEDGER_USERNAME"]);

        var scaling = Assert.Single(template.ResourcesOf("AWS::ApplicationAutoScaling::ScalableTarget"), target => (int)target.Properties["MinCapacity"]! == 3);
        Assert.Equal(5, (int)scaling.Properties["MaxCapacity"]!);

        var (id, rds) = Assert.Single(template.ResourcesOf("AWS::RDS::DBInstance"));
        Assert.True((bool)rds["MultiAZ"]!);
        Assert.DoesNotContain("AwsSolutions-RDS3", template.Resource(id)["Metadata"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, template.ResourcesOf("AWS::EC2::NatGateway").Count());
        Assert.All(template.ResourcesOf("AWS::Logs::LogGroup"), group => Assert.Equal(90, (int)group.Properties["RetentionInDays"]!));
        Assert.Empty(template.ResourcesOf("AWS::ElastiCache::ReplicationGroup"));
        Assert.Single(template.ResourcesOf("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        Assert.Equal(OtherAppModel.Certificate, (string?)template.Parameters["CertificateArn"]!["Default"]);
    }

    [Fact]
    public async Task A_database_two_services_share_is_refused_since_each_role_owns_its_own()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish"]);
        var environment = builder.AddAwsCdkEnvironment("shop");
        var database = builder.AddPostgres("sql").AddDatabase("ledger");
        builder.AddProject("worker", Path.Combine(PublishedAppHost.RepositoryRoot, "services", "Payments", "Payments.csproj")).WithReference(database);
        builder.AddProject("reports", Path.Combine(PublishedAppHost.RepositoryRoot, "services", "Analytics", "Analytics.csproj")).WithReference(database);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => OtherAppModel.SynthesizeAsync(builder, environment.Resource));

        Assert.Contains("'ledger'", error.Message, StringComparison.Ordinal);
        Assert.Contains("worker and reports", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_handed_the_master_password_is_refused()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish"]);
        var environment = builder.AddAwsCdkEnvironment("shop");
        var server = builder.AddPostgres("sql");
        builder.AddProject("worker", Path.Combine(PublishedAppHost.RepositoryRoot, "services", "Payments", "Payments.csproj"))
            .WithEnvironment("Admin__Password", builder.CreateResourceBuilder(server.Resource.PasswordParameter));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => OtherAppModel.SynthesizeAsync(builder, environment.Resource));

        Assert.Contains("master password", error.Message, StringComparison.Ordinal);
    }
}
