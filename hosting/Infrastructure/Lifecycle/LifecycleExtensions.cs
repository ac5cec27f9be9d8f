using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store.Hosting.Infrastructure.Lifecycle;

public static class LifecycleExtensions
{
    /// <summary>
    /// A process of a local run that exits with a failure code is started again, with a back-off and a limit
    /// (<see cref="RestartBackoff"/>); the dashboard shows each restart in the resource's log and its count in its details.
    /// </summary>
    public static IDistributedApplicationBuilder RestartProcessesThatFail(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.ExecutionContext.IsPublishMode)
        {
            builder.Services.AddHostedService<RestartOnFailure>();
        }

        return builder;
    }

    /// <summary>When a local run stops, every resource stops before what it waits for or lives in.</summary>
    public static IDistributedApplicationBuilder StopInDependencyOrder(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.ExecutionContext.IsPublishMode)
        {
            builder.Services.AddHostedService<StopInDependencyOrder>();
        }

        return builder;
    }

    /// <summary>
    /// Every health check of a local run polls while it fails (<see cref="PollingHealthCheck"/>), so a resource is
    /// seen healthy, and its dependents start, within 100 ms of it being ready rather than seconds later.
    /// </summary>
    public static IDistributedApplicationBuilder CheckHealthPromptly(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                PollingHealthCheck.Wrap(registration);
            }
        });
        return builder;
    }
}
