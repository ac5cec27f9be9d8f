namespace Store.Messaging.Consumers;

/// <summary>
/// Handles a run of <typeparamref name="TEvent"/>s about different subjects at once, inside the one transaction that
/// records them all in the inbox. For set-based work: one statement reads and locks what every message of the run
/// needs, in an order every run shares, so concurrent runs queue instead of deadlocking and a run costs one round trip
/// however long it is. Each message keeps its own <see cref="EventContext"/>; publish what it causes through that.
/// A message handled alone (a retry, a redelivery) comes as a run of one. Throw to retry: the run is rolled back and
/// each of its messages handled again alone.
/// </summary>
public interface IEventRunHandler<TEvent>
{
    Task HandleRunAsync(IReadOnlyList<RunMessage<TEvent>> run, CancellationToken cancellationToken);
}
