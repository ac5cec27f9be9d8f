namespace Store.Messaging.Tests;

public sealed class MessagingOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(new MessagingOptions().Validate());

    [Fact]
    public void Every_wrong_setting_is_named()
    {
        var options = new MessagingOptions { RelayBatchSize = 0, MaxAttempts = 0, MaxConcurrency = 0, Retention = TimeSpan.Zero, BlockTimeout = TimeSpan.FromSeconds(10) };

        var errors = options.Validate().ToList();

        Assert.Contains(errors, error => error.Contains(nameof(MessagingOptions.RelayBatchSize), StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains(nameof(MessagingOptions.MaxAttempts), StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains(nameof(MessagingOptions.MaxConcurrency), StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains(nameof(MessagingOptions.Retention), StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains(nameof(MessagingOptions.BlockTimeout), StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_is_not_presumed_dead_sooner_than_one_blocking_read() =>
        Assert.NotEmpty(new MessagingOptions { ClaimIdleAfter = TimeSpan.FromSeconds(1), BlockTimeout = TimeSpan.FromSeconds(1) }.Validate());
}
