using Amazon.CDK;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Store.Hosting.Aws.AppModel;
using Store.Hosting.Aws.Images;
using Store.Hosting.Aws.Mapping;

namespace Store.Hosting.Aws.Publishing;

/// <summary>
/// The publish step: reads the app model, stages the image build context and synthesizes the CDK app into
/// <c>&lt;output&gt;/cdk.out</c>, beside a <c>cdk.json</c> and a <c>package.json</c> pinning the CDK CLI that deploys it.
/// </summary>
internal sealed class CdkPublisher(AwsCdkEnvironmentResource environment, PipelineStepContext context)
{
    public async Task PublishAsync()
    {
        var output = OutputFolder(context);
        Directory.CreateDirectory(output);

        await CdkCli.RequireNodeAsync(context, output).ConfigureAwait(false);
        var app = await AppModelReader.ReadAsync(context.Model, context.ExecutionContext, environment.AppHostDirectory, context.CancellationToken).ConfigureAwait(false);
        foreach (var service in app.Services.Where(service => service.DroppedVariables.Count > 0))
        {
            context.Logger.HttpsVariablesDropped(service.Name, service.DroppedVariables);
        }

        var assembly = Synthesize(app, environment, output);
        await CdkCli.WriteProjectFilesAsync(output, context.CancellationToken).ConfigureAwait(false);
        context.Logger.Synthesized(environment.Name, app.Services.Count, app.PostgresServers.Count, app.RedisServers.Count, assembly);
    }

    /// <summary>Stages the image build context and synthesizes the stack into <c>&lt;output&gt;/cdk.out</c>.</summary>
    public static string Synthesize(PublishedApp app, AwsCdkEnvironmentResource environment, string output)
    {
        var imageSource = ImageSource.Prepare(app.SourceRoot, output);
        var assembly = Path.Combine(output, CdkCli.AssemblyFolder);
        if (Directory.Exists(assembly))
        {
            Directory.Delete(assembly, recursive: true);
        }

        // jsii runs the CDK in Node; 20 works but is past the end of life jsii warns about on every call.
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        var cdk = new App(new AppProps { Outdir = assembly, AnalyticsReporting = false });
        _ = new AppStack(cdk, environment.Name, app, environment, imageSource);
        cdk.Synth();
        return assembly;
    }

    public static string OutputFolder(PipelineStepContext context) =>
        context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
}
