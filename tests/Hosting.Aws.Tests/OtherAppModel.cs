using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Store.Hosting.Aws.AppModel;
using Store.Hosting.Aws.Options;
using Store.Hosting.Aws.Publishing;

namespace Store.Hosting.Aws.Tests;

/// <summary>
/// A second app model, unlike the AppHost (other names, per-resource options, a certificate, no Redis), synthesized
/// once in process for the tests of the <see cref="UsesOtherAppModel"/> collection.
/// </summary>
public sealed class OtherAppModel : IAsyncLifetime
{
    public const string Certificate = "arn:aws:acm:eu-west-1:123456789012:certificate/shop";

    public CloudFormationTemplate Template { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish"]);
        var certificate = builder.AddParameter("certificate-arn", Certificate);
        var environment = builder.AddAwsCdkEnvironment("shop").WithNatGateways(2).WithLogRetention(90).WithHttpsCertificate(certificate);
        var database = builder.AddPostgres("sql").PublishAsRdsInstance(rds => rds.MultiAz = true).AddDatabase("ledger");
        var apiKey = builder.AddParameter("api-key", secret: true);
        var worker = builder.AddProject("worker", Path.Combine(PublishedAppHost.RepositoryRoot, "services", "Payments", "Payments.csproj"))
            .WithReference(database)
            .WithEnvironment("Provider__ApiKey", apiKey);
        builder.AddProject("web", Path.Combine(PublishedAppHost.RepositoryRoot, "services", "Gateway", "Gateway.csproj"))
            .WithExternalHttpEndpoints()
            .WithReference(worker)
            .WithReplicas(3)
            .PublishAsFargateService(fargate => { fargate.Cpu = 1024; fargate.MemoryMiB = 2048; fargate.MaxReplicas = 5; });

        Template = await SynthesizeAsync(builder, environment.Resource);
    }

    /// <summary>Reads <paramref name="builder"/>'s model as <c>aspire publish</c> does and synthesizes its template in process.</summary>
    public static async Task<CloudFormationTemplate> SynthesizeAsync(IDistributedApplicationBuilder builder, AwsCdkEnvironmentResource environment)
    {
        using var app = builder.Build();
        var published = await AppModelReader.ReadAsync(
            app.Services.GetRequiredService<DistributedApplicationModel>(), app.Services.GetRequiredService<DistributedApplicationExecutionContext>(),
            Path.Combine(PublishedAppHost.RepositoryRoot, "AppHost"), TestContext.Current.CancellationToken);

        var output = Directory.CreateTempSubdirectory("aws-other-model-").FullName;
        try
        {
            var assembly = CdkPublisher.Synthesize(published, environment, output);
            return new CloudFormationTemplate((JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(assembly, $"{environment.Name}.template.json"), TestContext.Current.CancellationToken))!);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class UsesOtherAppModel : ICollectionFixture<OtherAppModel>
{
    public const string Name = "other app model";
}
