namespace Store.Messaging;

/// <summary>
/// The Redis keys of the bus: a stream per producer, and per consumer group a dead-letter stream and redrive streams.
/// </summary>
public static class StreamNames
{
    private const string Prefix = "events:";

    public static string ForProducer(string producer) => Prefix + producer;

    public static string DeadLetters(string consumerGroup) => $"{Prefix}dead-letter:{consumerGroup}";

    /// <summary>Redriven dead letters go back to their own group only: other groups handled them long ago.</summary>
    public static string Redrive(string consumerGroup) => $"{Prefix}redrive:{consumerGroup}";

    /// <summary>
    /// Where a dead letter of <paramref name="consumerGroup"/> read from <paramref name="stream"/> is redriven: to a stream
    /// the loop that read it also reads, since only that loop understands its entries. Bus entries share the group's
    /// <see cref="Redrive(string)"/> stream; a stream outside the bus (the clickstream) has one of its own beside it,
    /// and an entry that failed again on a redrive stream goes back to that same stream.
    /// </summary>
    public static string Redrive(string consumerGroup, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var suffix = RedriveSuffix(consumerGroup);
        return stream.StartsWith(Prefix, StringComparison.Ordinal) ? Redrive(consumerGroup)
            : stream.EndsWith(suffix, StringComparison.Ordinal) ? stream
            : stream + suffix;
    }

    private static string RedriveSuffix(string consumerGroup) => $":redrive:{consumerGroup}";
}
