namespace Store.Messaging.Consumers;

/// <summary>
/// Sees every event that reaches the service, whatever its type, before the event's own handler and in the same
/// transaction (through the <see cref="EventContext"/>): an audit trail or an event store. Throw to retry.
/// </summary>
public interface IEventObserver
{
    Task ObserveAsync(EventContext context, CancellationToken cancellationToken);
}
