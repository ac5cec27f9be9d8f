using Amazon.CDK.AWS.Logs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>Days as one of CloudWatch Logs' retention periods.</summary>
internal static class LogRetention
{
    /// <summary>The periods CloudWatch offers (most of them). Plain numbers, so checking a setting loads no CDK type.</summary>
    public static readonly int[] AllowedDays = [1, 3, 5, 7, 14, 30, 60, 90, 180, 365, 731, 1827, 3653];

    public static RetentionDays Of(int days) => days switch
    {
        1 => RetentionDays.ONE_DAY,
        3 => RetentionDays.THREE_DAYS,
        5 => RetentionDays.FIVE_DAYS,
        7 => RetentionDays.ONE_WEEK,
        14 => RetentionDays.TWO_WEEKS,
        30 => RetentionDays.ONE_MONTH,
        60 => RetentionDays.TWO_MONTHS,
        90 => RetentionDays.THREE_MONTHS,
        180 => RetentionDays.SIX_MONTHS,
        365 => RetentionDays.ONE_YEAR,
        731 => RetentionDays.TWO_YEARS,
        1827 => RetentionDays.FIVE_YEARS,
        3653 => RetentionDays.TEN_YEARS,
        _ => throw new ArgumentOutOfRangeException(nameof(days), days, $"CloudWatch keeps logs for one of: {string.Join(", ", AllowedDays)} days."),
    };
}
