using Microsoft.AspNetCore.OutputCaching;

namespace Store.Gateway.Protection;

/// <summary>
/// Caches the catalog's public reads at the gateway for a few seconds, whoever asks (they are the same for every
/// caller, signed in or not), per path and query, tagged so that a catalog write through the gateway evicts them.
/// The store is Redis, so every gateway replica sees the same entries and the same evictions.
/// </summary>
internal sealed class PublicCatalogCache : IOutputCachePolicy
{
    public const string Name = "public-catalog";
    public const string Tag = "catalog";
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.HttpContext.Request.Method;
        var cacheable = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Duration;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = "If-None-Match";
        context.Tags.Add(Tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Only complete successful answers: an error or a 304 is never served to someone else.
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
