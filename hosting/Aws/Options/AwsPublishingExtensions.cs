using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Options;

/// <summary>Per-resource choices for <c>aspire publish</c> to AWS; they change nothing in a local run.</summary>
public static class AwsPublishingExtensions
{
    public static IResourceBuilder<ProjectResource> PublishAsFargateService(this IResourceBuilder<ProjectResource> project, Action<FargateServiceOptions> configure) =>
        project.Configure(configure);

    /// <summary>For a Postgres server (Aspire's or ours): instance class, storage, Multi-AZ.</summary>
    public static IResourceBuilder<T> PublishAsRdsInstance<T>(this IResourceBuilder<T> postgres, Action<RdsOptions> configure)
        where T : IResourceWithConnectionString =>
        postgres.Configure(configure);

    /// <summary>For a Redis server (Aspire's or ours): engine, node type, replicas.</summary>
    public static IResourceBuilder<T> PublishAsElastiCache<T>(this IResourceBuilder<T> redis, Action<ElastiCacheOptions> configure)
        where T : IResourceWithConnectionString =>
        redis.Configure(configure);

    internal static TOptions OptionsOf<TOptions>(this IResource resource)
        where TOptions : class, new() =>
        resource.TryGetLastAnnotation<PublishingOptionsAnnotation<TOptions>>(out var annotation) ? annotation.Options : new TOptions();

    private static IResourceBuilder<T> Configure<T, TOptions>(this IResourceBuilder<T> builder, Action<TOptions> configure)
        where T : IResource
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = builder.Resource.OptionsOf<TOptions>();
        configure(options);
        return builder.WithAnnotation(new PublishingOptionsAnnotation<TOptions>(options), ResourceAnnotationMutationBehavior.Replace);
    }
}
