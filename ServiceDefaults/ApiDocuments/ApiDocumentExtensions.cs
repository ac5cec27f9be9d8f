using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using Store.ServiceDefaults.ApiDocuments;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The OpenAPI 3.1 document of a service at <see cref="DocumentPath"/>, built from its endpoints' signatures, and in
/// Development the Scalar reference over it at <see cref="ReferencePath"/>.
/// </summary>
public static class ApiDocumentExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the reference lives; the page itself is at <c>/scalar/</c>, its assets below it.</summary>
    public const string ReferencePath = "/scalar";

    /// <param name="configure">What only this service knows, such as examples; applied before the document is put in a stable order.</param>
    public static IServiceCollection AddApiDocument(this IServiceCollection services, string title, string description, Action<OpenApiOptions>? configure = null)
    {
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, PipelineProblemResponses>());
        return services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = title;
                document.Info.Description = description;
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<BearerSecurity>();
            options.AddDocumentTransformer<BearerSecurity>();
            configure?.Invoke(options);
            options.AddDocumentTransformer<StableDocumentOrder>();
        });
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }
}
