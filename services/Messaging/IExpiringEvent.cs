namespace Store.Messaging;

/// <summary>
/// An event that asks for work someone waits for only until <see cref="Deadline"/>. Once it has passed nobody waits
/// for the answer any more, so the handler is not run: it would make an effect that only has to be undone, on a
/// consumer that is probably behind already. The event is still recorded as handled (and observers still see it);
/// nothing is answered, because the one who asked decides what a missing answer means, on its own clock.
/// </summary>
public interface IExpiringEvent
{
    /// <summary>None for events published before deadlines travelled with them: they are always handled.</summary>
    DateTimeOffset? Deadline { get; }
}
