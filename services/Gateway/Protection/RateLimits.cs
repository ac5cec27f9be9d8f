using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Store.Gateway.Protection;

/// <summary>
/// Every request counts against its caller: the token's subject when signed in, else the client address. Over the
/// limit, 429 with Retry-After, before anything reaches a service.
/// </summary>
internal static class RateLimits
{
    /// <summary>The sign-in endpoint's own, stricter limit per address (password guessing).</summary>
    public const string SignIn = "sign-in";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.User.FindFirst("sub")?.Value is { } subject
                    ? RateLimitPartition.GetFixedWindowLimiter($"user:{subject}", _ => PerMinute(options.PerUserPerMinute))
                    : RateLimitPartition.GetFixedWindowLimiter($"address:{http.Connection.RemoteIpAddress}", _ => PerMinute(options.PerAddressPerMinute)));
            limiter.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                $"sign-in:{http.Connection.RemoteIpAddress}", _ => PerMinute(options.SignInsPerAddressPerMinute)));
        });
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            detail: "Slow down: try again after the Retry-After delay.").ExecuteAsync(context.HttpContext);
    }
}
