namespace Store.Gateway.Protection;

/// <summary>Requests per minute (<c>Gateway:RateLimits</c>); the benchmark raises them to measure the proxy, not the limiter.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    public int PerUserPerMinute { get; set; } = 600;

    /// <summary>Anonymous callers share their address's budget.</summary>
    public int PerAddressPerMinute { get; set; } = 1200;

    public int SignInsPerAddressPerMinute { get; set; } = 30;
}
