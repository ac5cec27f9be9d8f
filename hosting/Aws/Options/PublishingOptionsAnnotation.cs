using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Options;

/// <summary>Carries a resource's AWS publishing options; read only when publishing.</summary>
internal sealed class PublishingOptionsAnnotation<TOptions>(TOptions options) : IResourceAnnotation
    where TOptions : class
{
    public TOptions Options { get; } = options;
}
