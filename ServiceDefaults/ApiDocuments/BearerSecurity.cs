using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Store.ServiceDefaults.ApiDocuments;

/// <summary>
/// Marks every operation that needs a token with the bearer scheme, and declares the scheme where one does. Every
/// service's fallback policy asks for a token, so what needs one is whatever does not say <c>AllowAnonymous()</c>.
/// </summary>
internal sealed class BearerSecurity : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (PipelineProblemResponses.NeedsToken(context.Description.ActionDescriptor.EndpointMetadata))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var operations = document.Paths?.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()) ?? [];
        if (operations.Any(operation => operation.Security is { Count: > 0 }))
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the store's identity provider: locally POST /api/identity/token at the gateway; deployed, Amazon Cognito.",
            };
        }

        return Task.CompletedTask;
    }
}
