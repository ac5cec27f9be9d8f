using Store.Analytics.Queries;

namespace Store.Analytics.Tests;

public sealed class TimeRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 30, 15, TimeSpan.Zero);

    [Fact]
    public void Ends_round_outwards_to_whole_minutes()
    {
        Assert.True(TimeRange.TryCreate(Now.AddSeconds(-90), Now, Now, [], out var range));

        Assert.Equal(new TimeRange(new(2026, 11, 28, 12, 28, 0, TimeSpan.Zero), new(2026, 11, 28, 12, 31, 0, TimeSpan.Zero)), range);
    }

    [Fact]
    public void Without_ends_the_range_is_the_last_hour_up_to_the_current_minute()
    {
        Assert.True(TimeRange.TryCreate(null, null, Now, [], out var range));

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 31, 0, TimeSpan.Zero), range.To);
        Assert.Equal(TimeRange.DefaultSpan, range.To - range.From);
    }

    [Fact]
    public void Times_in_other_offsets_mean_the_same_instants()
    {
        Assert.True(TimeRange.TryCreate(new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.FromHours(1)), null, Now, [], out var range));

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), range.From);
    }

    [Fact]
    public void Backwards_and_overlong_ranges_are_refused()
    {
        var errors = new Dictionary<string, string[]>();
        Assert.False(TimeRange.TryCreate(Now, Now.AddHours(-1), Now, errors, out _));
        Assert.Contains("from", errors.Keys);
        Assert.False(TimeRange.TryCreate(Now.AddDays(-40), Now, Now, errors, out _));
        Assert.Contains("to", errors.Keys);
    }
}
