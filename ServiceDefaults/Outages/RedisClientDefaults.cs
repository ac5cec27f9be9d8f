using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Store.ServiceDefaults.Outages;

internal static class RedisClientDefaults
{
    /// <summary>
    /// The longest a Redis connection attempt or command waits for an answer. A healthy Redis answers in well under a
    /// millisecond; one that does not answer in two seconds is treated as away, so that a request waiting on it is
    /// answered 503 after at most this long (the client's defaults are 5 s).
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every Redis client the service makes through Aspire fails fast while its server is away: commands are not queued
    /// until the connection is back (StackExchange.Redis's default backlog held each one for its whole 5 s timeout),
    /// they fail at once with a <see cref="RedisConnectionException"/>, which callers answer 503 or retry later. The
    /// first connection, made when a client is first used, is tried once rather than three times, for the same bound;
    /// reconnecting goes on in the background either way.
    /// </summary>
    public static IServiceCollection AddFailFastRedisClients(this IServiceCollection services) =>
        services.PostConfigureAll<ConfigurationOptions>(options =>
        {
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
            options.ConnectRetry = 1;
            options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
            options.SyncTimeout = (int)Timeout.TotalMilliseconds;
        });
}
