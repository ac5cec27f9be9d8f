using Aspire.Hosting.Redis;
using Store.Hosting.Infrastructure.Postgres;
using Store.Hosting.Infrastructure.Redis;

namespace Store.Hosting.Infrastructure.Tests;

/// <summary>The typed builders AddRedisServer and AddPostgresServer return: each mode's options reach only that mode.</summary>
public sealed class ServerBuilderTests
{
    [Fact]
    public void Container_options_reach_the_container_and_nothing_when_the_server_is_a_process()
    {
        var containers = Builder("containers");
        var processes = Builder("processes");
        var seen = new List<string>();

        containers.AddRedisServer("cache")
            .InContainer(redis => seen.Add($"container {redis.Resource.GetType().Name}"))
            .AsProcess(redis => seen.Add($"process {redis.Resource.GetType().Name}"));
        processes.AddRedisServer("cache")
            .InContainer(redis => seen.Add($"container {redis.Resource.GetType().Name}"))
            .AsProcess(redis => seen.Add($"process {redis.Resource.GetType().Name}"));

        Assert.Equal([$"container {nameof(RedisResource)}", $"process {nameof(RedisServerProcessResource)}"], seen);
    }

    [Fact]
    public void What_Aspire_users_reach_for_in_container_mode_applies_to_the_container()
    {
        var builder = Builder("containers");

        var redis = builder.AddRedisServer("cache").InContainer(container => container.WithLifetime(ContainerLifetime.Persistent).WithRedisInsight());

        Assert.True(redis.Resource.TryGetLastAnnotation<ContainerLifetimeAnnotation>(out var lifetime));
        Assert.Equal(ContainerLifetime.Persistent, lifetime.Lifetime);
        Assert.Single(builder.Resources.OfType<RedisInsightResource>());
    }

    [Fact]
    public void Persistent_data_is_a_volume_for_a_container()
    {
        var builder = Builder("containers");

        var postgres = builder.AddPostgresServer("postgres").WithPersistentData();

        var mount = Assert.Single(postgres.Resource.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.Volume, mount.Type);
        Assert.StartsWith("/var/lib/postgresql", mount.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Persistent_data_of_a_process_lives_outside_the_run_and_is_the_same_folder_on_every_run()
    {
        var first = (PostgresServerProcessResource)Builder("processes").AddPostgresServer("postgres").WithPersistentData().Resource;
        var second = (PostgresServerProcessResource)Builder("processes").AddPostgresServer("postgres").WithPersistentData().Resource;
        var transient = (PostgresServerProcessResource)Builder("processes").AddPostgresServer("postgres").Resource;

        Assert.Equal(first.DataFolder, second.DataFolder);
        Assert.NotEqual(Path.GetDirectoryName(transient.DataFolder), Path.GetDirectoryName(first.DataFolder));
        Assert.False(first.DataFolder.StartsWith(Path.GetTempPath(), StringComparison.Ordinal), $"'{first.DataFolder}' is removed with the temporary folder.");
        Assert.Equal("postgres", Path.GetFileName(first.DataFolder));
        Assert.Contains("store-infrastructure-data", first.DataFolder, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_Redis_with_persistent_data_runs_in_its_persistent_folder()
    {
        var redis = (RedisServerProcessResource)Builder("processes").AddRedisServer("cache").WithPersistentData().Resource;

        Assert.Equal(redis.DataFolder, redis.WorkingDirectory);
        Assert.Contains("store-infrastructure-data", redis.DataFolder, StringComparison.Ordinal);
    }

    private static IDistributedApplicationBuilder Builder(string mode) =>
        DistributedApplication.CreateBuilder([$"--Infrastructure:Mode={mode}"]);
}
