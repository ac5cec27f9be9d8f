using System.Text.Json;

namespace Store.Messaging.Consumers;

/// <summary>One handled event type: where it arrives from and how its payload reaches the handler.</summary>
internal sealed record Subscription(
    string EventType,
    string Stream,
    Func<IServiceProvider, EventContext, CancellationToken, Task> InvokeAsync)
{
    /// <summary>A request whose deadline has passed (<see cref="IExpiringEvent"/>) is taken as handled without running the handler.</summary>
    public static Subscription For<TEvent, THandler>()
        where TEvent : IIntegrationEvent<TEvent>
        where THandler : IEventHandler<TEvent>
        => new(TEvent.EventType, StreamNames.ForProducer(TEvent.Producer), (services, context, cancellationToken) =>
        {
            var @event = JsonSerializer.Deserialize(context.Envelope.Payload, TEvent.JsonTypeInfo)
                ?? throw new MalformedMessageException($"The payload of {TEvent.EventType} is null.");
            return @event is IExpiringEvent request && services.GetRequiredService<ExpiredRequests>().HaveGivenUpOn(request, context)
                ? Task.CompletedTask
                : services.GetRequiredService<THandler>().HandleAsync(@event, context, cancellationToken);
        });
}
