using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Store.ServiceDefaults.Outages;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every error answers RFC 7807 problem details carrying the trace id, so a caller can quote it and an operator
/// can find the trace; Postgres or Redis being away answers 503 with Retry-After (<see cref="DependencyOutage"/>),
/// and any other unexpected exception 500, without its message or stack trace.
/// </summary>
public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddDefaultProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;

            // The framework's own rejections of a request (unreadable JSON, a missing parameter, an oversize body)
            // say what was wrong without saying anything about the server.
            if (context.Exception is BadHttpRequestException badRequest)
            {
                context.ProblemDetails.Detail = badRequest.Message;
            }
        });

        services.AddExceptionHandler<DependencyOutageHandler>();
        services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException badRequest
                ? badRequest.StatusCode
                : StatusCodes.Status500InternalServerError);
        return services;
    }
}
