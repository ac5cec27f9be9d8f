using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Store.ServiceDefaults.ApiDocuments;

/// <summary>
/// Paths, responses, tags and schemas in ordinal order, so the document is the same text whatever order the endpoints were
/// mapped in, and a committed contract compares equal to the served one byte for byte.
/// </summary>
internal sealed class StableDocumentOrder : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Paths is { } paths)
        {
            var sorted = new OpenApiPaths();
            foreach (var (path, item) in paths.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                {
                    SortResponses(operation);
                }

                sorted.Add(path, item);
            }

            document.Paths = sorted;
        }

        if (document.Tags is { } tags)
        {
            document.Tags = new SortedSet<OpenApiTag>(tags, Comparer<OpenApiTag>.Create((x, y) => string.CompareOrdinal(x.Name, y.Name)));
        }

        if (document.Components?.Schemas is { } schemas)
        {
            document.Components.Schemas = new SortedDictionary<string, IOpenApiSchema>(schemas, StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }

    /// <summary>By status code, so a reader finds the answers in the order HTTP numbers them.</summary>
    private static void SortResponses(OpenApiOperation operation)
    {
        if (operation.Responses is not { } responses)
        {
            return;
        }

        var sorted = new OpenApiResponses();
        foreach (var (status, response) in responses.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            sorted.Add(status, response);
        }

        operation.Responses = sorted;
    }
}
