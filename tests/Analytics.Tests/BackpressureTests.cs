using Store.Analytics.Ingest;

namespace Store.Analytics.Tests;

public sealed class BackpressureTests
{
    private static readonly IngestOptions Options = new() { MaxBacklog = 1_000, MaxLag = TimeSpan.FromSeconds(30) };

    [Fact]
    public void A_processor_within_bounds_gets_everything() =>
        Assert.Null(Backpressure.RetryAfter(1_000, TimeSpan.FromSeconds(30), Options));

    [Fact]
    public void Too_many_waiting_entries_refuse_new_batches_for_at_least_a_second() =>
        Assert.Equal(TimeSpan.FromSeconds(1), Backpressure.RetryAfter(1_001, TimeSpan.FromSeconds(2), Options));

    [Theory]
    [InlineData(45, 4.5)]
    [InlineData(120, 12)]
    [InlineData(3_600, 30)]
    public void A_processor_far_behind_asks_for_a_longer_wait(double lagSeconds, double waitSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(waitSeconds), Backpressure.RetryAfter(0, TimeSpan.FromSeconds(lagSeconds), Options));
}
