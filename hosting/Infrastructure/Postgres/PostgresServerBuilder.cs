using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Postgres;

/// <summary>What <see cref="PostgresServerBuilderExtensions.AddPostgresServer"/> returns: Aspire's Postgres container or the local server binaries.</summary>
public sealed class PostgresServerBuilder : ServerBuilder<PostgresServerBuilder, PostgresServerResource, PostgresServerProcessResource>
{
    internal PostgresServerBuilder(IResourceBuilder<PostgresServerResource> container)
        : base(container)
    {
    }

    internal PostgresServerBuilder(IResourceBuilder<PostgresServerProcessResource> process)
        : base(process)
    {
    }

    private protected override void AddDataVolume(IResourceBuilder<PostgresServerResource> server) => server.WithDataVolume();

    private protected override void KeepDataIn(IResourceBuilder<PostgresServerProcessResource> server, string folder) =>
        server.Resource.DataFolder = folder;
}
