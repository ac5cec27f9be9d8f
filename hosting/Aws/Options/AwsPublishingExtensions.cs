using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Options;

/// <summary>Per-resource choices for <c>aspire publish</c> to AWS; they change nothing in a local run.</summary>
public static class AwsPublishingExtensions
{
    public static IResourceBuilder<ProjectResource> PublishAsFargateService(this IResourceBuilder<ProjectResource> project, Action<FargateServiceOptions> configure) =>
        project.Configure(configure);

    /// <summary>
    /// For a Postgres server: instance class, storage, Multi-AZ. Publishing always sees servers as Aspire's containers,
    /// so a server made by <c>AddPostgresServer</c> takes it through <c>InContainer</c>.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> PublishAsRdsInstance(this IResourceBuilder<PostgresServerResource> postgres, Action<RdsOptions> configure) =>
        postgres.Configure(configure);

    /// <summary>For a Redis server: engine, node type, replicas (through <c>InContainer</c> for <c>AddRedisServer</c>, as above).</summary>
    public static IResourceBuilder<RedisResource> PublishAsElastiCache(this IResourceBuilder<RedisResource> redis, Action<ElastiCacheOptions> configure) =>
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
