namespace Store.Messaging.Consumers;

/// <summary>One message of a run (<see cref="IEventRunHandler{TEvent}"/>): its event and its own context.</summary>
public sealed record RunMessage<TEvent>(TEvent Event, EventContext Context);
