using Aspire.Hosting;
using Store.Hosting.Aws.AppModel;
using Store.Hosting.Aws.Mapping;

namespace Store.Hosting.Aws.Tests.Unit;

public sealed class PublishingPlumbingTests
{
    [Theory]
    [InlineData("payment-latency", "PaymentLatency")]
    [InlineData("identity-signing-key", "IdentitySigningKey")]
    [InlineData("catalog", "Catalog")]
    public void App_model_names_become_CloudFormation_names(string name, string expected) =>
        Assert.Equal(expected, StackNames.Pascal(name));

    [Fact]
    public void Images_build_from_the_folder_that_holds_the_solution_above_every_project()
    {
        var root = Directory.CreateTempSubdirectory("source-root-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "global.json"), "{}");
            var apphost = Directory.CreateDirectory(Path.Combine(root, "AppHost")).FullName;
            var project = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "services", "Catalog")).FullName, "Catalog.csproj");

            Assert.Equal(root, SourceRootFinder.Find(apphost, [project]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_local_run_does_not_list_the_AWS_environment()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.AddAwsCdkEnvironment("aws");

        Assert.DoesNotContain(builder.Resources, resource => resource is AwsCdkEnvironmentResource);
    }

    [Fact]
    public void Log_retention_must_be_a_period_CloudWatch_offers()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish"]);
        var environment = builder.AddAwsCdkEnvironment("aws");

        Assert.Throws<ArgumentOutOfRangeException>(() => environment.WithLogRetention(10));
        Assert.Equal(14, environment.WithLogRetention(14).Resource.LogRetentionDays);
        Assert.Contains(builder.Resources, resource => resource is AwsCdkEnvironmentResource);
    }
}
