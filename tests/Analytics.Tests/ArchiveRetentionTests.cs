using Store.Analytics.Archive;

namespace Store.Analytics.Tests;

public sealed class ArchiveRetentionTests
{
    [Fact]
    public void Only_partitions_of_whole_days_before_the_cutoff_expire()
    {
        string[] partitions = ["raw_events_20260829", "raw_events_20260830", "raw_events_20260831", "raw_events_staging", "raw_events_2026"];

        Assert.Equal(["raw_events_20260829", "raw_events_20260830"], ArchivePartitions.Expired(partitions, new DateOnly(2026, 8, 31)));
    }

    [Fact]
    public void The_cutoff_is_the_start_of_the_oldest_day_kept()
    {
        var now = new DateTimeOffset(2026, 11, 28, 13, 45, 0, TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 8, 30, 0, 0, 0, TimeSpan.Zero), ArchiveRetention.RetentionCutoff(now, new ArchiveOptions()));
    }
}
