using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Store.Hosting.Aws.Publishing;

namespace Store.Hosting.Aws;

/// <summary>
/// AWS as a compute environment: <c>aspire publish</c> synthesizes the app model into an AWS CDK cloud assembly
/// (one CloudFormation stack named after this resource), <c>aspire deploy</c> runs <c>cdk deploy</c> on it and
/// <c>aspire do destroy</c> tears it down. The mapping is in <c>Mapping/</c>; nothing in it names a service.
/// </summary>
public sealed class AwsCdkEnvironmentResource : Resource, IComputeEnvironmentResource
{
    public AwsCdkEnvironmentResource(string name, string appHostDirectory)
        : base(name)
    {
        AppHostDirectory = appHostDirectory;
        // Not a manifest resource: tools that deploy from the manifest would otherwise meet an error entry in its place.
        Annotations.Add(ManifestPublishingCallbackAnnotation.Ignore);
        Annotations.Add(new PipelineStepAnnotation(_ =>
        {
            var publish = new PipelineStep
            {
                Name = $"publish-{Name}",
                Description = $"Synthesizes the AWS CDK app of {Name} into the output folder.",
                Action = context => new CdkPublisher(this, context).PublishAsync(),
            };
            publish.RequiredBy(WellKnownPipelineSteps.Publish);

            var deploy = new PipelineStep
            {
                Name = $"cdk-deploy-{Name}",
                Description = $"Deploys {Name} with cdk deploy.",
                // The stack outputs (the public URL) are printed and also kept in cdk-outputs.json for scripts.
                Action = async context =>
                {
                    await BootstrapCheck.RequireAsync(context).ConfigureAwait(false);
                    await CdkCli.RunAsync(context, "deploy", "--all", "--require-approval", "never", "--outputs-file", "cdk-outputs.json").ConfigureAwait(false);
                },
            };
            deploy.DependsOn(publish);
            deploy.RequiredBy(WellKnownPipelineSteps.Deploy);

            var destroy = new PipelineStep
            {
                Name = $"cdk-destroy-{Name}",
                Description = $"Deletes the {Name} stack with cdk destroy.",
                Action = context => CdkCli.RunAsync(context, "destroy", "--all", "--force"),
            };
            destroy.DependsOn(publish);
            destroy.RequiredBy(WellKnownPipelineSteps.Destroy);

            return Task.FromResult<IEnumerable<PipelineStep>>([publish, deploy, destroy]);
        }));
    }

    /// <summary>Where the AppHost's project lives: the image build context is found from here.</summary>
    public string AppHostDirectory { get; }

    /// <summary>NAT gateways for the tasks' outbound traffic: one is cheap, one per zone survives a zone outage.</summary>
    public int NatGateways { get; set; } = 1;

    /// <summary>
    /// An app-model parameter naming the ACM certificate of the public load balancers: its value at publish becomes
    /// the default of the stack's <c>CertificateArn</c> parameter, so <c>aspire deploy</c> serves HTTPS.
    /// </summary>
    public ParameterResource? CertificateArn { get; set; }

    /// <summary>How long CloudWatch keeps logs, metrics events and flow logs; one of CloudWatch's retention periods.</summary>
    public int LogRetentionDays { get; set; } = 30;
}
