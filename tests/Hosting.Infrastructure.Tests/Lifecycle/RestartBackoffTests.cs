using Store.Hosting.Infrastructure.Lifecycle;

namespace Store.Hosting.Infrastructure.Tests.Lifecycle;

public sealed class RestartBackoffTests
{
    [Fact]
    public void Each_crash_in_a_row_waits_twice_as_long_and_the_one_past_the_limit_is_not_restarted()
    {
        var delays = Enumerable.Range(1, RestartBackoff.Limit + 1).Select(RestartBackoff.DelayBefore).ToList();

        Assert.Equal([1, 2, 4, 8, 16], delays.Take(RestartBackoff.Limit).Select(delay => delay!.Value.TotalSeconds));
        Assert.Null(delays[^1]);
    }

    [Fact]
    public void A_crash_soon_after_start_adds_to_the_count_and_one_after_a_stable_run_starts_it_over()
    {
        Assert.Equal(4, RestartBackoff.CrashesInARow(3, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, RestartBackoff.CrashesInARow(3, RestartBackoff.StableAfter));
    }
}
