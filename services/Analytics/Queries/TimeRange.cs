using Store.Analytics.Archive;

namespace Store.Analytics.Queries;

/// <summary>Whole minutes [From, To): windows are one minute, so a range never cuts one in two.</summary>
public readonly record struct TimeRange(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    /// <summary>From rounds down and to rounds up to the minute; missing ends default to the last hour.</summary>
    public static bool TryCreate(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, Dictionary<string, string[]> errors, out TimeRange range)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var end = Ceiling(to ?? now);
        var start = WindowCounts.MinuteOf(from ?? end - DefaultSpan);
        range = new TimeRange(start, end);
        if (start >= end)
        {
            errors["from"] = ["from is before to."];
            return false;
        }

        if (end - start > MaxSpan)
        {
            errors["to"] = [$"A range spans at most {MaxSpan.TotalDays} days."];
            return false;
        }

        return true;
    }

    private static DateTimeOffset Ceiling(DateTimeOffset time)
    {
        var floor = WindowCounts.MinuteOf(time);
        return floor.UtcTicks == time.UtcTicks ? floor : floor.AddMinutes(1);
    }
}
