using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Store.Problems;

/// <summary>
/// A problem details answer whose status is part of its type, so that a handler returning
/// <c>Results&lt;Ok&lt;T&gt;, NotFoundProblem&gt;</c> declares its 404 in the API document through its signature —
/// which <see cref="ProblemHttpResult"/>, whose status is only known when it runs, cannot do.
/// </summary>
public abstract class StatusProblem : IResult, IStatusCodeHttpResult
{
    internal const string ProblemContentType = "application/problem+json";

    private readonly ProblemHttpResult _problem;

    private protected StatusProblem(int statusCode, string title, string? detail) =>
        _problem = TypedResults.Problem(statusCode: statusCode, title: title, detail: detail);

    public int StatusCode => _problem.StatusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>Written through the problem details service, so the answer carries the trace id like every other error.</summary>
    public virtual Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    private protected static void Declare(EndpointBuilder builder, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), [ProblemContentType]));
    }
}
