using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Hosting;

namespace Store.Problems;

/// <summary>503 problem details with <c>Retry-After</c>: the work was refused, and the same request may be sent again after the delay.</summary>
public sealed class ServiceUnavailableProblem(TimeSpan retryAfter, string title, string detail)
    : StatusProblem(StatusCodes.Status503ServiceUnavailable, title, detail), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = RetryLaterResults.RetryAfterSeconds(retryAfter);
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status503ServiceUnavailable);
}
