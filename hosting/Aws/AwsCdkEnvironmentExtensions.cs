using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws;

public static class AwsCdkEnvironmentExtensions
{
    /// <summary>
    /// Publishes the app model to AWS through CDK: projects on ECS Fargate behind Service Connect, external
    /// endpoints behind an Application Load Balancer, Postgres on RDS, Redis on ElastiCache, telemetry through an
    /// ADOT collector to X-Ray and CloudWatch. A local run is unaffected.
    /// </summary>
    public static IResourceBuilder<AwsCdkEnvironmentResource> AddAwsCdkEnvironment(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var environment = new AwsCdkEnvironmentResource(name, builder.AppHostDirectory);

        // Kept out of a local run's model, so the dashboard does not list it.
        return builder.ExecutionContext.IsRunMode ? builder.CreateResourceBuilder(environment) : builder.AddResource(environment);
    }

    public static IResourceBuilder<AwsCdkEnvironmentResource> WithNatGateways(this IResourceBuilder<AwsCdkEnvironmentResource> environment, int count)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        environment.Resource.NatGateways = count;
        return environment;
    }

    public static IResourceBuilder<AwsCdkEnvironmentResource> WithHttpsCertificate(this IResourceBuilder<AwsCdkEnvironmentResource> environment, IResourceBuilder<ParameterResource> certificateArn)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(certificateArn);
        environment.Resource.CertificateArn = certificateArn.Resource;
        return environment;
    }

    public static IResourceBuilder<AwsCdkEnvironmentResource> WithLogRetention(this IResourceBuilder<AwsCdkEnvironmentResource> environment, int days)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!Mapping.LogRetention.AllowedDays.Contains(days))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"CloudWatch keeps logs for one of: {string.Join(", ", Mapping.LogRetention.AllowedDays)} days.");
        }

        environment.Resource.LogRetentionDays = days;
        return environment;
    }
}
