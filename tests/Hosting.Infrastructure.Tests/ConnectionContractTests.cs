using Store.Hosting.Infrastructure.Postgres;
using Store.Hosting.Infrastructure.Redis;

namespace Store.Hosting.Infrastructure.Tests;

/// <summary>
/// Services read the same <c>ConnectionStrings__name</c> and the same connection properties (<c>NAME_HOST</c>,
/// <c>NAME_URI</c>, …) whichever mode runs the servers: these tests resolve both modes' values against the same
/// endpoint and password and expect the same text.
/// </summary>
public sealed class ConnectionContractTests
{
    private const string Password = "s3cret";

    [Fact]
    public async Task Redis_connection_strings_match_across_modes()
    {
        var container = await ResolveAsync("containers", "cache", builder => builder.AddRedisServer("cache"));
        var process = await ResolveAsync("processes", "cache", builder => builder.AddRedisServer("cache"));

        Assert.Equal($"localhost:7000,password={Password}", process);
        Assert.Equal(container, process);
    }

    [Fact]
    public async Task Postgres_server_connection_strings_match_across_modes()
    {
        var container = await ResolveAsync("containers", "postgres", builder => builder.AddPostgresServer("postgres"));
        var process = await ResolveAsync("processes", "postgres", builder => builder.AddPostgresServer("postgres"));

        Assert.Equal($"Host=localhost;Port=7000;Username=postgres;Password={Password}", process);
        Assert.Equal(container, process);
    }

    [Fact]
    public async Task Postgres_database_connection_strings_match_across_modes()
    {
        var container = await ResolveAsync("containers", "postgres", builder => builder.AddPostgresServer("postgres").AddPostgresDatabase("catalogdb"));
        var process = await ResolveAsync("processes", "postgres", builder => builder.AddPostgresServer("postgres").AddPostgresDatabase("catalogdb"));

        Assert.EndsWith(";Database=catalogdb", process, StringComparison.Ordinal);
        Assert.Equal(container, process);
    }

    public static TheoryData<string> Servers => ["cache", "postgres", "catalogdb"];

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Every_connection_property_matches_Aspires_container_resource(string name)
    {
        var container = await ResolvePropertiesAsync("containers", name);
        var process = await ResolvePropertiesAsync("processes", name);

        Assert.NotEmpty(container);
        Assert.Equal(container, process);
    }

    [Fact]
    public async Task Process_Redis_starts_from_its_private_configuration_on_the_allocated_port()
    {
        var builder = Builder("processes");
        var redis = (RedisServerProcessResource)builder.AddRedisServer("cache").Resource;
        Allocate(redis, 7000);

        var args = await ResolveArgumentsAsync(redis);

        Assert.Equal([Path.Combine(redis.DataFolder, "redis.conf"), "--port", "7000"], args);
    }

    [Fact]
    public async Task Process_Postgres_starts_through_its_launcher_with_bin_and_data_folders_and_port()
    {
        var builder = Builder("processes");
        var postgres = (PostgresServerProcessResource)builder.AddPostgresServer("postgres").Resource;
        Allocate(postgres, 7000);

        var args = await ResolveArgumentsAsync(postgres);

        Assert.Equal("/bin/sh", postgres.Command);
        Assert.Equal(4, args.Length);
        Assert.Equal(postgres.Launcher, args[0]);
        Assert.True(File.Exists(Path.Combine(args[1], "postgres")), $"No postgres binary in '{args[1]}'.");
        Assert.Equal([postgres.DataFolder, "7000"], args[2..]);
        Assert.True(File.Exists(postgres.Launcher));
    }

    [Fact]
    public void Process_mode_databases_are_children_of_their_server()
    {
        var builder = Builder("processes");
        var server = builder.AddPostgresServer("postgres");
        var database = (PostgresDatabaseProcessResource)server.AddPostgresDatabase("catalogdb", "catalog").Resource;

        Assert.Same(server.Resource, database.Parent);
        Assert.Equal("catalog", database.DatabaseName);
        Assert.Equal("catalog", ((PostgresServerProcessResource)server.Resource).Databases["catalogdb"]);
    }

    private static IDistributedApplicationBuilder Builder(string mode) =>
        DistributedApplication.CreateBuilder([$"--Infrastructure:Mode={mode}", $"--Parameters:cache-password={Password}", $"--Parameters:postgres-password={Password}"]);

    private static async Task<string?> ResolveAsync(string mode, string server, Func<IDistributedApplicationBuilder, IResourceBuilder<IResourceWithConnectionString>> add)
    {
        var builder = Builder(mode);
        var resource = add(builder).Resource;
        Allocate((IResourceWithEndpoints)builder.Resources.Single(r => r.Name == server), 7000);
        return await resource.ConnectionStringExpression.GetValueAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<SortedDictionary<string, string?>> ResolvePropertiesAsync(string mode, string name)
    {
        var builder = Builder(mode);
        builder.AddRedisServer("cache");
        builder.AddPostgresServer("postgres").AddPostgresDatabase("catalogdb");
        foreach (var server in builder.Resources.OfType<IResourceWithEndpoints>())
        {
            Allocate(server, 7000);
        }

        var resource = builder.Resources.OfType<IResourceWithConnectionString>().Single(resource => resource.Name == name);
        var properties = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in resource.GetConnectionProperties())
        {
            properties.Add(key, await value.GetValueAsync(TestContext.Current.CancellationToken));
        }

        return properties;
    }

    private static async Task<string[]> ResolveArgumentsAsync(IResource resource)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args, resource, cancellationToken);
        foreach (var annotation in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await annotation.Callback(context);
        }

        var values = new List<string>();
        foreach (var arg in args)
        {
            values.Add(arg switch
            {
                string text => text,
                IValueProvider provider => await provider.GetValueAsync(cancellationToken) ?? "",
                _ => throw new InvalidOperationException($"Unexpected argument {arg}."),
            });
        }

        return [.. values];
    }

    private static void Allocate(IResourceWithEndpoints resource, int port)
    {
        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.TargetPort ??= port;
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port);
        }
    }
}
