namespace Store.Messaging;

/// <summary>The Redis keys of the bus: a stream per producer, and per consumer group a dead-letter and a redrive stream.</summary>
public static class StreamNames
{
    private const string Prefix = "events:";

    public static string ForProducer(string producer) => Prefix + producer;

    public static string DeadLetters(string consumerGroup) => $"{Prefix}dead-letter:{consumerGroup}";

    /// <summary>Redriven dead letters go back to their own group only: other groups handled them long ago.</summary>
    public static string Redrive(string consumerGroup) => $"{Prefix}redrive:{consumerGroup}";
}
