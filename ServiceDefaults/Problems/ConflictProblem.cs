using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Store.Problems;

/// <summary>409 problem details: The request contradicts the resource's current state.</summary>
public sealed class ConflictProblem(string title, string? detail = null)
    : StatusProblem(StatusCodes.Status409Conflict, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}
