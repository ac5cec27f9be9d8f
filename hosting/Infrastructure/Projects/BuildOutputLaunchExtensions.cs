using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Projects;

public static class BuildOutputLaunchExtensions
{
    /// <summary>
    /// Starts every project of a local run from its build output (<c>dotnet bin/…/Service.dll</c>) rather than through
    /// <c>dotnet run</c>, which evaluates the project with MSBuild first (a second or two of CPU per replica) and
    /// does not pass the orchestrator's SIGTERM on, so each service only stopped when the orchestrator gave up on it.
    /// The AppHost builds its referenced projects before it starts, so the output is the current one. An IDE that
    /// launches projects itself keeps doing so, and a project whose output is not where the AppHost's configuration
    /// puts it keeps <c>dotnet run</c>.
    /// </summary>
    public static IDistributedApplicationBuilder RunProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var configuration = builder.AppHostAssembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                if (configuration is not null && BuildOutput.Find(project.GetProjectMetadata().ProjectPath, configuration) is { } assembly)
                {
                    // Launch tool arguments are Aspire's one way to replace `run --project …`; they are marked experimental.
#pragma warning disable ASPIREEXTENSION001
                    builder.CreateResourceBuilder(project)
                        .WithLaunchToolArgs(context => context.Args.Add(assembly), KnownLaunchConfigurationTypes.Project, showInCommandLine: true);
#pragma warning restore ASPIREEXTENSION001
                }
            }

            return Task.CompletedTask;
        });

        return builder;
    }
}
