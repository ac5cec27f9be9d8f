using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>/alive</c> answers whether the process runs (liveness); <c>/health</c> whether its dependencies answer
/// (readiness). Both are mapped in every environment, since orchestrators probe them in production too, and both
/// answer only the overall status, never which check failed or why.
/// </summary>
public static class HealthEndpoints
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // After the status code pages, so that a 401 or 403 of the authorization middleware gets a problem details body.
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks(HealthPath).DisableHttpMetrics().AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).DisableHttpMetrics().AllowAnonymous();
        return app;
    }
}
