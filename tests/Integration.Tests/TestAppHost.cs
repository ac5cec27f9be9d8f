using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Store.Integration.Tests;

/// <summary>How the tests run the AppHost: its own model, adapted by the fixture, started until every resource is healthy.</summary>
internal static class TestAppHost
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Builds the AppHost with <paramref name="args"/>, lets <paramref name="adapt"/> change its model, and starts it.</summary>
    public static async Task<DistributedApplication> StartAsync(string[] args, Action<IDistributedApplicationTestingBuilder> adapt)
    {
        using var building = new CancellationTokenSource(BuildTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args, building.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        // The testing builder points projects at an OTLP endpoint that nobody serves; their exporters then
        // hold every shutdown for seconds. Telemetry is not what these tests look at.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }

        adapt(builder);
        var app = await builder.BuildAsync(building.Token);
        try
        {
            await app.StartAndWaitForAllResourcesHealthyAsync(HealthyTimeout);
            return app;
        }
        catch
        {
            // xunit does not dispose a fixture that failed to initialize; the servers must not outlive the run.
            await StopAsync(app);
            throw;
        }
    }

    public static async Task StopAsync(DistributedApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
