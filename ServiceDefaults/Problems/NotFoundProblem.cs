using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Store.Problems;

/// <summary>404 problem details: Nothing with that id (or nothing the caller may see).</summary>
public sealed class NotFoundProblem(string title, string? detail = null)
    : StatusProblem(StatusCodes.Status404NotFound, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}
