namespace Store.Messaging.Outbox;

/// <summary>Publishes integration events through the transactional outbox.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Opens a connection and a transaction for a state change and the events it publishes: they are published if
    /// and only if <see cref="OutboxTransaction.CommitAsync"/> commits. Inside a handler, publish through
    /// <c>EventContext.Publish</c> instead. <paramref name="actor"/> is the user the change is made for (the caller's
    /// verified identity), or null when the service acts on its own; every event the flow causes carries it.
    /// </summary>
    Task<OutboxTransaction> BeginAsync(string? actor, CancellationToken cancellationToken);
}
