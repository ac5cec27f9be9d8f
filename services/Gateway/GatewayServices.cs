using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using StackExchange.Redis;
using Store.Gateway.Identity;
using Store.Gateway.Protection;
using Store.Gateway.Routing;
using Yarp.ReverseProxy.Transforms;

namespace Store.Gateway;

internal static class GatewayServices
{
    /// <summary>The largest body any route takes: a clickstream batch of 500 events.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public const string CacheResource = "cache";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStrictJsonApi(GatewayJsonContext.Default, MaxRequestBodyBytes);
        builder.Services.AddApiDocument("Store identity API",
            "The development identity: sign-in with a seeded user for a bearer token. Errors are RFC 7807 problem details.");

        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new TokenSigner(services.GetRequiredService<IOptions<IdentityOptions>>().Value.SigningKey
            ?? throw new InvalidOperationException($"{IdentityOptions.Section}:SigningKey is not set: this gateway issues no tokens.")));
        builder.Services.AddSingleton<TokenIssuer>();

        builder.Services.AddGatewayRateLimits(builder.Configuration);
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(builder.Configuration.GetSection("Gateway:Cors:AllowedOrigins").Get<string[]>() ?? [])
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key")));

        builder.AddRedisClient(CacheResource);
        builder.Services.AddStackExchangeRedisOutputCache(_ => { });
        builder.Services.AddOptions<RedisOutputCacheOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) => options.ConnectionMultiplexerFactory = () => Task.FromResult(redis));
        builder.Services.AddOutputCache(cache => cache.AddPolicy(PublicCatalogCache.Name, new PublicCatalogCache()));

        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Routes, GatewayRoutes.Clusters)
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(context =>
            {
                if (context.Route.RouteId == GatewayRoutes.CatalogWrites)
                {
                    context.AddResponseTransform(async transform =>
                    {
                        if (transform.HttpContext.Response.StatusCode is >= 200 and < 300)
                        {
                            var store = transform.HttpContext.RequestServices.GetRequiredService<IOutputCacheStore>();
                            await store.EvictByTagAsync(PublicCatalogCache.Tag, transform.HttpContext.RequestAborted);
                        }
                    });
                }
            });
        return builder;
    }
}
