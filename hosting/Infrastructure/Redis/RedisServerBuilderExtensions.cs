using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure.Redis;

public static class RedisServerBuilderExtensions
{
    /// <summary>
    /// Adds a password-protected Redis server with append-only persistence: Aspire's Redis container, or the
    /// locally installed <c>redis-server</c> as a process, as <c>Infrastructure:Mode</c> decides.
    /// </summary>
    public static RedisServerBuilder AddRedisServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var infrastructure = InfrastructureContext.Of(builder);

        // StackExchange.Redis cannot parse a password with a comma, so no special characters.
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);

        if (infrastructure.Plan.Mode == InfrastructureMode.Containers)
        {
            var container = builder.AddRedis(name, port: null, password: builder.CreateResourceBuilder(password))
                .WithArgs("--appendonly", "yes", "--appendfsync", "everysec");
            infrastructure.ReportProblemOn(container.Resource);
            return new RedisServerBuilder(container);
        }

        var command = ExecutableSearch.FindOnPath("redis-server");
        var redis = new RedisServerProcessResource(name, command ?? "redis-server", infrastructure.DataFolder.For(name), password);

        if (command is null)
        {
            infrastructure.ReportMissingBinary(redis,
                "redis-server was not found on PATH. Install it (Debian/Ubuntu: sudo apt-get install redis-server), " +
                $"or run the AppHost with {InfrastructurePlanner.ModeSetting}=containers.");
        }

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, cancellationToken) =>
        {
            Directory.CreateDirectory(redis.DataFolder);
            var configuration = Path.Combine(redis.DataFolder, RedisConfiguration.FileName);
            var passwordValue = await password.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
            await PrivateFile.WriteAsync(configuration, RedisConfiguration.Render(redis.DataFolder, passwordValue), cancellationToken).ConfigureAwait(false);
        });

        return new RedisServerBuilder(builder.AddResource(redis)
            .WithEndpoint(name: RedisServerProcessResource.PrimaryEndpointName, scheme: "redis", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(Path.Combine(redis.DataFolder, RedisConfiguration.FileName));
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithConnectionHealthCheck((checks, key, connectionString) => checks.AddRedis(connectionString, name: key))
            .ExcludeFromManifest());
    }
}
