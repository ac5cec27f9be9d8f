namespace Store.Messaging.Outbox;

/// <summary>Publishes integration events through the transactional outbox.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Opens a connection and a transaction for a state change and the events it publishes: they are published if
    /// and only if <see cref="OutboxTransaction.CommitAsync"/> commits. Inside a handler, publish through
    /// <c>EventContext.PublishAsync</c> instead.
    /// </summary>
    Task<OutboxTransaction> BeginAsync(CancellationToken cancellationToken);
}
