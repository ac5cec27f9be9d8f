using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>503 answers that tell the client when to send the same request again.</summary>
public static class RetryLaterResults
{
    /// <summary>Sets <c>Retry-After</c> and answers 503 problem details.</summary>
    public static IResult ServiceUnavailable(this HttpResponse response, TimeSpan retryAfter, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
    }

    /// <summary>The header's value: whole seconds, rounded up, so that a client never comes back early.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
