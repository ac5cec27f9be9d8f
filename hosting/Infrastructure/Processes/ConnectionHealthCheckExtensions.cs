using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Store.Hosting.Infrastructure.Lifecycle;

namespace Store.Hosting.Infrastructure.Processes;

internal static class ConnectionHealthCheckExtensions
{
    /// <summary>
    /// Adds a health check that really connects with the resource's connection string, once Aspire has resolved
    /// it, and shows it on the resource in the dashboard.
    /// </summary>
    public static IResourceBuilder<T> WithConnectionHealthCheck<T>(
        this IResourceBuilder<T> builder,
        Action<IHealthChecksBuilder, string, Func<IServiceProvider, string>> addCheck)
        where T : IResourceWithConnectionString
    {
        string? connectionString = null;
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(builder.Resource, async (_, cancellationToken) =>
            connectionString = await builder.Resource.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false));

        var key = $"{builder.Resource.Name}_check";
        var services = builder.ApplicationBuilder.Services;
        addCheck(
            services.AddHealthChecks(),
            key,
            _ => connectionString ?? throw new InvalidOperationException($"The connection string of '{builder.Resource.Name}' is not resolved yet."));
        services.Configure<HealthCheckServiceOptions>(options => PollingHealthCheck.Wrap(options.Registrations.Single(candidate => candidate.Name == key)));
        return builder.WithHealthCheck(key);
    }

    /// <summary>Lets both infrastructure modes hand the AppHost the same type.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AsConnectionStringResource<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(builder.Resource);
}
