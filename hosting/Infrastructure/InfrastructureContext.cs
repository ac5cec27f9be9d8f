using System.Runtime.CompilerServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure;

/// <summary>
/// What one AppHost decided about its infrastructure: the plan (made once, since it may probe the container
/// runtime), the run's data folder in process mode, and the problems to tell the developer about at start.
/// </summary>
internal sealed class InfrastructureContext
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, InfrastructureContext> Contexts = new();

    private readonly IDistributedApplicationBuilder builder;
    private readonly Lazy<RunDataFolder> dataFolder;
    private readonly List<(IResource Resource, string Message)> problems = [];

    private InfrastructureContext(IDistributedApplicationBuilder builder)
    {
        this.builder = builder;
        var requested = InfrastructurePlanner.ParseMode(builder.Configuration[InfrastructurePlanner.ModeSetting]);
        Plan = InfrastructurePlanner.Plan(requested, builder.ExecutionContext.IsPublishMode, () => ContainerRuntimeProbe.Probe(builder.Configuration));
        dataFolder = new(() => CreateDataFolder(builder));

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            Announce(@event.Services);
            return Task.CompletedTask;
        });
    }

    public InfrastructurePlan Plan { get; }

    public RunDataFolder DataFolder => dataFolder.Value;

    public static InfrastructureContext Of(IDistributedApplicationBuilder builder) => Contexts.GetValue(builder, b => new InfrastructureContext(b));

    /// <summary>Tells the developer, on the console and in the resource's log, that the plan cannot work here.</summary>
    public void ReportProblemOn(IResource resource)
    {
        if (Plan.Problem is { } problem)
        {
            problems.Add((resource, problem));
        }
    }

    /// <summary>
    /// Tells the developer at start, and fails the resource's start with the same words, so that whatever waits for
    /// it fails at once instead of waiting.
    /// </summary>
    public void ReportMissingBinary(IResource resource, string message)
    {
        problems.Add((resource, message));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (_, _) => throw new DistributedApplicationException(message));
    }

    /// <summary>Says at start which mode runs, and every problem, on the console and on the resource it concerns.</summary>
    internal void Announce(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Store.Hosting.Infrastructure");
        var resourceLogs = services.GetRequiredService<ResourceLoggerService>();
        logger.InfrastructureChosen(Plan.Mode, Plan.Reason);
        foreach (var (resource, message) in problems)
        {
            logger.InfrastructureProblem(resource.Name, message);
            resourceLogs.GetLogger(resource).InfrastructureProblem(resource.Name, message);
        }
    }

    private static RunDataFolder CreateDataFolder(IDistributedApplicationBuilder builder)
    {
        var folder = RunDataFolder.Create();
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            // After every resource, and so every server writing into the folder, has stopped.
            @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(folder.Delete);
            return Task.CompletedTask;
        });
        return folder;
    }
}
