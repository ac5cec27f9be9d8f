using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Store.Problems;

/// <summary>401 problem details: The caller is not signed in, or not as someone this operation can serve.</summary>
public sealed class UnauthorizedProblem(string title, string? detail = null)
    : StatusProblem(StatusCodes.Status401Unauthorized, title, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status401Unauthorized);
}
