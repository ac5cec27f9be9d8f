using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Store.Problems;

/// <summary>412 problem details: The resource changed since the version the caller named.</summary>
public sealed class PreconditionFailedProblem(string title, string? detail = null)
    : StatusProblem(StatusCodes.Status412PreconditionFailed, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status412PreconditionFailed);
}
