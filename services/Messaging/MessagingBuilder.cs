using Microsoft.Extensions.DependencyInjection.Extensions;
using Store.Messaging.Consumers;

namespace Store.Messaging;

/// <summary>What a service declares about the bus: the events it publishes and those it handles.</summary>
public sealed class MessagingBuilder
{
    private readonly IServiceCollection _services;

    internal MessagingBuilder(IServiceCollection services, MessagingRegistry registry)
    {
        _services = services;
        Registry = registry;
    }

    internal MessagingRegistry Registry { get; }

    /// <summary>Allows publishing <typeparamref name="TEvent"/>; this service keeps its stream trimmed.</summary>
    public MessagingBuilder Publishes<TEvent>() where TEvent : IIntegrationEvent<TEvent>
    {
        Registry.AddPublication(TEvent.EventType, TEvent.Producer);
        return this;
    }

    /// <summary>Delivers every <typeparamref name="TEvent"/> to <typeparamref name="THandler"/>, once in effect.</summary>
    public MessagingBuilder Handles<TEvent, THandler>()
        where TEvent : IIntegrationEvent<TEvent>
        where THandler : class, IEventHandler<TEvent>
    {
        Registry.AddSubscription(Subscription.For<TEvent, THandler>());
        _services.TryAddScoped<THandler>();
        return this;
    }

    /// <summary>
    /// Delivers every <typeparamref name="TEvent"/> to <typeparamref name="THandler"/>, once in effect, several at a time
    /// when they arrive together (<see cref="IEventRunHandler{TEvent}"/>).
    /// </summary>
    public MessagingBuilder HandlesRuns<TEvent, THandler>()
        where TEvent : IIntegrationEvent<TEvent>
        where THandler : class, IEventRunHandler<TEvent>
    {
        Registry.AddSubscription(Subscription.ForRuns<TEvent, THandler>());
        _services.TryAddScoped<THandler>();
        return this;
    }

    /// <summary>
    /// Reads every stream of <paramref name="producers"/> and shows each event that reaches the service, of any type
    /// and including redriven ones, to <typeparamref name="TObserver"/> before its handler, once in effect.
    /// </summary>
    public MessagingBuilder Observes<TObserver>(params IEnumerable<string> producers) where TObserver : class, IEventObserver
    {
        Registry.SetObserver(producers.Select(StreamNames.ForProducer),
            (services, context, cancellationToken) => services.GetRequiredService<TObserver>().ObserveAsync(context, cancellationToken));
        _services.AddScoped<TObserver>();
        return this;
    }

    /// <summary>
    /// Declares that the service reads <paramref name="stream"/>, a stream outside the bus, with a
    /// <see cref="ConsumerGroupLoop"/> of its own in the service's group, and gives up on entries through
    /// <see cref="DeadLetters.IDeadLetters"/>. That loop must also read <see cref="StreamNames.Redrive(string, string)"/>
    /// of the stream, where redriven entries arrive; the service keeps that redrive stream trimmed.
    /// </summary>
    public MessagingBuilder ReadsOutsideTheBus(string stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        Registry.AddStreamOutsideTheBus(stream);
        return this;
    }
}
