using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.AppModel;

/// <summary>The resources an app-model value points at, through expressions and connection strings.</summary>
internal static class AppModelValues
{
    public static IEnumerable<IResource> ResourcesIn(object value) => value switch
    {
        ConnectionStringReference reference => ResourcesIn(reference.Resource),
        IResourceWithConnectionString resource => [resource, .. ResourcesIn(resource.ConnectionStringExpression)],
        ReferenceExpression expression => expression.ValueProviders.SelectMany(ResourcesIn),
        EndpointReference endpoint => [endpoint.Resource],
        EndpointReferenceExpression expression => [expression.Endpoint.Resource],
        _ => [],
    };
}
