using Store.Messaging.Consumers;

namespace Store.Messaging;

/// <summary>What one service declared in <c>AddMessaging</c>: the events it publishes and the handlers it runs.</summary>
internal sealed class MessagingRegistry(string consumerGroup)
{
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);
    private readonly HashSet<string> _producerStreams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>The service's name: its consumer group on every stream it reads.</summary>
    public string ConsumerGroup { get; } = consumerGroup;

    /// <summary>The streams this service writes: it keeps their length in check.</summary>
    public IReadOnlyCollection<string> ProducedStreams => _producerStreams;

    public IEnumerable<string> ConsumedStreams => _subscriptions.Values.Select(subscription => subscription.Stream).Distinct(StringComparer.Ordinal);

    public bool HasSubscriptions => _subscriptions.Count > 0;

    public bool Publishes(string eventType) => _published.Contains(eventType);

    public bool TryGetSubscription(string eventType, out Subscription subscription) => _subscriptions.TryGetValue(eventType, out subscription!);

    public void AddPublication(string eventType, string producer)
    {
        _published.Add(eventType);
        _producerStreams.Add(StreamNames.ForProducer(producer));
    }

    public void AddSubscription(Subscription subscription)
    {
        if (!_subscriptions.TryAdd(subscription.EventType, subscription))
        {
            throw new InvalidOperationException($"{subscription.EventType} already has a handler in {ConsumerGroup}.");
        }
    }
}
