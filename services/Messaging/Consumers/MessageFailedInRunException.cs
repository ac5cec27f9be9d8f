namespace Store.Messaging.Consumers;

/// <summary>
/// Thrown by a handler of runs (<see cref="IEventRunHandler{TEvent}"/>) when one message of the run failed: the run is
/// rolled back and each message handled again alone, as after any failure, but the failed attempt is counted against
/// that message, so that a message with effects outside the database (a call to a card provider) is tried exactly
/// <see cref="MessagingOptions.MaxAttempts"/> times.
/// </summary>
public sealed class MessageFailedInRunException : Exception
{
    public MessageFailedInRunException(EventContext context, Exception innerException)
        : base($"{context?.Envelope.EventType} {context?.Envelope.EventId} failed in a run: {innerException?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(innerException);
        EventId = context.Envelope.EventId;
    }

    public Guid EventId { get; }
}
