using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.RateLimiting;
using Store.Problems;

namespace Store.ServiceDefaults.ApiDocuments;

/// <summary>
/// Declares the problem answers that come from the pipeline around a handler rather than from the handler, so no
/// signature can carry them: 401 and 403 from authorization, 413 from the body size limit, 429 from a rate limit,
/// 503 from a dependency outage (<c>DependencyOutageHandler</c>). What a handler answers itself is in its typed results.
/// </summary>
internal sealed class PipelineProblemResponses : IApiDescriptionProvider
{
    /// <summary>After the endpoints' own descriptions (ASP.NET Core's provider runs at -1100), which this completes.</summary>
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var description in context.Results)
        {
            var metadata = description.ActionDescriptor.EndpointMetadata;
            if (NeedsToken(metadata))
            {
                Declare(description, StatusCodes.Status401Unauthorized, "No valid bearer token.");
                if (metadata.OfType<IAuthorizeData>().Any(data => data.Policy is not null || data.Roles is not null))
                {
                    Declare(description, StatusCodes.Status403Forbidden, "The token's role may not do this.");
                }
            }

            if (description.ParameterDescriptions.Any(parameter => parameter.Source == BindingSource.Body))
            {
                Declare(description, StatusCodes.Status413PayloadTooLarge, "The body is larger than this service takes.");
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                Declare(description, StatusCodes.Status429TooManyRequests, "Too many requests from this caller; send again after Retry-After.");
            }

            Declare(description, StatusCodes.Status503ServiceUnavailable, "A server this service needs is away, or the service is busy; send the same request again after Retry-After.");
        }
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
    }

    /// <summary>The fallback policy asks every endpoint for a token unless it says <c>AllowAnonymous()</c>.</summary>
    internal static bool NeedsToken(IList<object> endpointMetadata) => !endpointMetadata.OfType<IAllowAnonymous>().Any();

    private static void Declare(ApiDescription description, int statusCode, string meaning)
    {
        if (description.SupportedResponseTypes.Any(response => response.StatusCode == statusCode))
        {
            return;
        }

        description.SupportedResponseTypes.Add(new ApiResponseType
        {
            StatusCode = statusCode,
            Type = typeof(ProblemDetails),
            Description = meaning,
            ApiResponseFormats = [new ApiResponseFormat { MediaType = StatusProblem.ProblemContentType }],
        });
    }
}
