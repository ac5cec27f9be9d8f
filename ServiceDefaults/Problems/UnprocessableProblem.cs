using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Store.Problems;

/// <summary>422 problem details: The request is well formed but cannot be carried out as sent.</summary>
public sealed class UnprocessableProblem(string title, string? detail = null)
    : StatusProblem(StatusCodes.Status422UnprocessableEntity, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}
