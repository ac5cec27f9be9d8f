using Store.Hosting.Infrastructure.Lifecycle;
using Store.Hosting.Infrastructure.Postgres;
using Store.Hosting.Infrastructure.Redis;

namespace Store.Hosting.Infrastructure.Tests.Lifecycle;

public sealed class StopWavesTests
{
    [Fact]
    public void Every_resource_stops_after_all_that_wait_for_it_or_live_in_it()
    {
        var builder = DistributedApplication.CreateBuilder(["--Infrastructure:Mode=processes"]);
        var bus = builder.AddRedisServer("bus");
        var postgres = builder.AddPostgresServer("postgres");
        var database = postgres.AddPostgresDatabase("orderingdb");
        var service = builder.AddExecutable("service", "sleep", ".", "infinity").WaitFor(database).WaitFor(bus);
        builder.AddExecutable("edge", "sleep", ".", "infinity").WaitFor(service);

        var waves = StopWaves.Of(builder.Resources).Select(wave => wave.Select(resource => resource.Name).Order().ToList()).ToList();

        Assert.Equal([["edge"], ["service"], ["bus", "orderingdb"], ["postgres"]], waves);
    }

    [Fact]
    public void Resources_that_nothing_waits_for_stop_first_together() =>
        Assert.Single(StopWaves.Of([new ParameterResource("a", _ => "1"), new ParameterResource("b", _ => "2")]));
}
