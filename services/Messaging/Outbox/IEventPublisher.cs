using Npgsql;

namespace Store.Messaging.Outbox;

/// <summary>Publishes integration events through the transactional outbox.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Writes <paramref name="integrationEvent"/> into the outbox inside <paramref name="transaction"/>: it is published if and only
    /// if the transaction commits. Inside a handler, publish through <c>EventContext.PublishAsync</c> instead, so the
    /// new event carries the handled one's correlation.
    /// </summary>
    Task<EventEnvelope> PublishAsync<TEvent>(TEvent integrationEvent, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent<TEvent>;
}
