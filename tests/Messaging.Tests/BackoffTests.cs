using Store.Data;

namespace Store.Messaging.Tests;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(10, 5_000)]
    [InlineData(1_000, 5_000)]
    public void Pauses_double_after_each_failure_up_to_the_maximum(int failures, int expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Backoff.For(failures, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)));
}
