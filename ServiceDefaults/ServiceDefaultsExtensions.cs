using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Store.ServiceDefaults.Outages;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one call every service makes: telemetry, health, discovery, resilience, problem details and token validation.</summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddBasicServiceDefaults();
        builder.AddDefaultAuthentication();
        // No "Server: Kestrel" banner: nothing tells a caller what runs behind the answer.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>Telemetry, health checks, problem details and Redis clients that fail fast, without outgoing HTTP concerns.</summary>
    public static TBuilder AddBasicServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddDefaultOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddDefaultProblemDetails();
        builder.Services.AddFailFastRedisClients();
        return builder;
    }
}
