using Store.Messaging.Consumers;

namespace Store.Messaging;

/// <summary>What one service declared in <c>AddMessaging</c>: the events it publishes and the handlers it runs.</summary>
internal sealed class MessagingRegistry(string consumerGroup)
{
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);
    private readonly HashSet<string> _producerStreams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _observedStreams = new(StringComparer.Ordinal);
    private readonly HashSet<string> _streamsOutsideTheBus = new(StringComparer.Ordinal);
    private Func<IServiceProvider, EventContext, CancellationToken, Task>? _observer;

    /// <summary>The service's name: its consumer group on every stream it reads.</summary>
    public string ConsumerGroup { get; } = consumerGroup;

    /// <summary>The streams this service writes: it keeps their length in check.</summary>
    public IReadOnlyCollection<string> ProducedStreams => _producerStreams;

    public IEnumerable<string> ConsumedStreams => _subscriptions.Values.Select(subscription => subscription.Stream)
        .Concat(_observedStreams).Distinct(StringComparer.Ordinal);

    /// <summary>The group's redrive streams: the bus's, and one per stream outside the bus it dead-letters from. It keeps them trimmed.</summary>
    public IEnumerable<string> RedriveStreams => _streamsOutsideTheBus.Select(stream => StreamNames.Redrive(ConsumerGroup, stream))
        .Prepend(StreamNames.Redrive(ConsumerGroup));

    public bool HasSubscriptions => _subscriptions.Count > 0 || _observer is not null;

    public bool Publishes(string eventType) => _published.Contains(eventType);

    /// <summary>What handling <paramref name="eventType"/> means here: the observer, if any, then the type's handler, if any.</summary>
    public bool TryGetSubscription(string eventType, out Subscription subscription)
    {
        var handled = _subscriptions.TryGetValue(eventType, out var typed);
        if (_observer is not { } observe)
        {
            subscription = typed!;
            return handled;
        }

        subscription = new Subscription(eventType, typed?.Stream ?? string.Empty, async (services, context, cancellationToken) =>
        {
            await observe(services, context, cancellationToken);
            if (typed is not null)
            {
                await typed.InvokeAsync(services, context, cancellationToken);
            }
        });
        return true;
    }

    /// <summary>
    /// Which run a message of <paramref name="eventType"/> may join: that of its handler of runs
    /// (<see cref="IEventRunHandler{TEvent}"/>), when nothing else sees it; otherwise the one shared by every other message.
    /// </summary>
    public string RunKindOf(string eventType)
        => _observer is null && _subscriptions.TryGetValue(eventType, out var subscription) && subscription.RunKind is { } kind ? kind : string.Empty;

    public void SetObserver(IEnumerable<string> streams, Func<IServiceProvider, EventContext, CancellationToken, Task> observe)
    {
        if (_observer is not null)
        {
            throw new InvalidOperationException($"{ConsumerGroup} already has an observer.");
        }

        _observer = observe;
        _observedStreams.UnionWith(streams);
    }

    public void AddStreamOutsideTheBus(string stream) => _streamsOutsideTheBus.Add(stream);

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
