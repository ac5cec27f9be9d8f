using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Redis;

/// <summary>What <see cref="RedisServerBuilderExtensions.AddRedisServer"/> returns: Aspire's Redis container or the local <c>redis-server</c>.</summary>
public sealed class RedisServerBuilder : ServerBuilder<RedisServerBuilder, RedisResource, RedisServerProcessResource>
{
    internal RedisServerBuilder(IResourceBuilder<RedisResource> container)
        : base(container)
    {
    }

    internal RedisServerBuilder(IResourceBuilder<RedisServerProcessResource> process)
        : base(process)
    {
    }

    private protected override void AddDataVolume(IResourceBuilder<RedisResource> server) => server.WithDataVolume();

    private protected override void KeepDataIn(IResourceBuilder<RedisServerProcessResource> server, string folder)
    {
        server.Resource.DataFolder = folder;
        server.WithWorkingDirectory(folder);
    }
}
