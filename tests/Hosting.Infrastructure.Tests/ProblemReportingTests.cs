using Microsoft.Extensions.DependencyInjection;
using Store.Hosting.Infrastructure.Postgres;
using Store.Hosting.Infrastructure.Redis;

namespace Store.Hosting.Infrastructure.Tests;

public sealed class ProblemReportingTests
{
    [Fact]
    public async Task Forced_containers_without_a_runtime_put_the_fix_in_each_server_log_at_start()
    {
        // podman stands for "a runtime that does not answer": Aspire accepts the name, and it is installed neither
        // here nor on a typical Docker machine.
        var builder = DistributedApplication.CreateBuilder(["--Infrastructure:Mode=containers", "--ASPIRE_CONTAINER_RUNTIME=podman"]);
        builder.AddRedisServer("cache");
        builder.AddPostgresServer("postgres");
        using var app = builder.Build();

        InfrastructureContext.Of(builder).Announce(app.Services);

        foreach (var server in new[] { "cache", "postgres" })
        {
            var log = await ReadLogAsync(app, server);
            Assert.Contains("Infrastructure:Mode is 'containers' but the container runtime does not answer ('podman' is not on PATH)", log, StringComparison.Ordinal);
            Assert.Contains("Infrastructure:Mode=processes", log, StringComparison.Ordinal);
        }
    }

    private static async Task<string> ReadLogAsync(DistributedApplication app, string resourceName)
    {
        // The log keeps what was written before anyone watched; the watch itself never ends, so it is cut short.
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var lines = new List<string>();
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resourceName).WithCancellation(reading.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return string.Join(Environment.NewLine, lines);
    }
}
