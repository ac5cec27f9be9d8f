using Store.Hosting.Infrastructure.Redis;

namespace Store.Hosting.Infrastructure.Tests;

public sealed class RedisConfigurationTests
{
    [Fact]
    public void The_server_listens_on_loopback_only_and_persists_every_second()
    {
        var lines = RedisConfiguration.Render("/data/cache", "secret").Split(Environment.NewLine);

        Assert.Contains("bind 127.0.0.1", lines);
        Assert.Contains("dir \"/data/cache\"", lines);
        Assert.Contains("appendonly yes", lines);
        Assert.Contains("appendfsync everysec", lines);
        Assert.Contains("requirepass \"secret\"", lines);
    }

    [Fact]
    public void Quotes_and_backslashes_in_the_password_are_escaped() =>
        Assert.Contains("requirepass \"a\\\"b\\\\c\"", RedisConfiguration.Render("/d", "a\"b\\c"), StringComparison.Ordinal);
}
