namespace Store.Messaging.Consumers;

/// <summary>
/// Handles one integration event type for a service. Do every read and write through the <see cref="EventContext"/>:
/// it commits together with the inbox record, so a redelivered event never has a second effect. Throw to retry.
/// </summary>
#pragma warning disable CA1711 // The name every reader of messaging code expects.
public interface IEventHandler<in TEvent>
#pragma warning restore CA1711
{
    Task HandleAsync(TEvent integrationEvent, EventContext context, CancellationToken cancellationToken);
}
