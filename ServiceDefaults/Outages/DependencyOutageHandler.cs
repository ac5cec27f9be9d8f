using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Store.ServiceDefaults.Outages;

/// <summary>
/// Answers a request that failed because Postgres or Redis is away with 503 and <c>Retry-After</c>: the client may
/// send the same request again later, and nothing about the server leaks. The failure is expected while a server
/// restarts, so it is logged as one warning line, without a stack trace.
/// </summary>
internal sealed partial class DependencyOutageHandler(
    IProblemDetailsService problemDetails,
    IMeterFactory meters,
    IHostEnvironment environment,
    ILogger<DependencyOutageHandler> logger) : IExceptionHandler
{
    /// <summary>Long enough for a local server to restart, short enough that clients notice a quick recovery.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly Counter<long> _answered = meters.Create(environment.ApplicationName).CreateCounter<long>(
        "store.dependency.unavailable_responses", "{response}", "Requests answered 503 because Postgres or Redis was away, by dependency.");

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (DependencyOutage.Of(exception) is not { } outage)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, outage.Dependency, outage.Cause.GetType().Name, outage.Cause.Message);
        _answered.Add(1, new KeyValuePair<string, object?>("store.dependency", outage.Dependency));

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryLaterResults.RetryAfterSeconds(RetryAfter);
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable.",
                // A write whose commit was sent but not answered may have happened: only the same request again can tell.
                Detail = "A server this service depends on is not available right now. Send the same request again after the Retry-After delay; "
                    + "a request that carries an Idempotency-Key takes effect at most once, however often it is sent.",
            },
        });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Dependency} is unavailable ({ErrorType}: {Error})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string dependency, string errorType, string error);
}
