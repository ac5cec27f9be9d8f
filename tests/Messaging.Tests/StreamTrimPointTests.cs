using Store.Messaging.Retention;

namespace Store.Messaging.Tests;

public sealed class StreamTrimPointTests
{
    private static readonly DateTimeOffset Cutoff = DateTimeOffset.FromUnixTimeMilliseconds(1_000_000);

    [Fact]
    public void With_no_groups_the_stream_keeps_what_is_younger_than_the_retention() =>
        Assert.Equal("1000000-0", StreamTrimPoint.Compute(Cutoff, []));

    [Fact]
    public void A_group_with_pending_entries_keeps_its_oldest_pending_entry() =>
        Assert.Equal("500-3", StreamTrimPoint.Compute(Cutoff, [("500-3", "900-0"), (null, "2000000-0")]));

    [Fact]
    public void A_group_that_acknowledged_everything_keeps_what_it_has_not_been_given() =>
        Assert.Equal("700-1", StreamTrimPoint.Compute(Cutoff, [(null, "700-0")]));

    [Fact]
    public void Groups_ahead_of_the_retention_cutoff_do_not_shorten_it() =>
        Assert.Equal("1000000-0", StreamTrimPoint.Compute(Cutoff, [(null, "5000000-0"), ("3000000-0", "4000000-0")]));

    [Fact]
    public void Stream_ids_order_by_time_then_sequence()
    {
        Assert.True(StreamTrimPoint.StreamId.Parse("10-2") < StreamTrimPoint.StreamId.Parse("11-0"));
        Assert.True(StreamTrimPoint.StreamId.Parse("10-2") > StreamTrimPoint.StreamId.Parse("10-1"));
        Assert.Equal("10-0", StreamTrimPoint.StreamId.Parse("10").ToString());
    }
}
