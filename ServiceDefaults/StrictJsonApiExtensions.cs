using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class StrictJsonApiExtensions
{
    /// <summary>
    /// The conventions of every JSON API here: the service's source-generated serializers first (no reflection on the
    /// request path), a misspelt or unexpected field or a number sent as a string answered 400 rather than silently
    /// ignored or coerced, and request bodies above <paramref name="maxRequestBodyBytes"/> answered 413.
    /// </summary>
    public static IServiceCollection AddStrictJsonApi(this IServiceCollection services, IJsonTypeInfoResolver serializers, long maxRequestBodyBytes)
    {
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = maxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, serializers);
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return services;
    }
}
