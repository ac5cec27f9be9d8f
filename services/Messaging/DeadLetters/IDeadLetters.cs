using StackExchange.Redis;

namespace Store.Messaging.DeadLetters;

/// <summary>
/// The service's dead letters, for readers of streams outside the bus (a <see cref="Consumers.ConsumerGroupLoop"/> of
/// its own): what they give up on is listed and redriven through the same API as the bus's messages.
/// </summary>
public interface IDeadLetters
{
    /// <summary>Keeps <paramref name="entry"/> of <paramref name="stream"/> aside with the <paramref name="reason"/> it was given up for; a redrive sends it back to the loop reading <paramref name="stream"/>.</summary>
    Task AddAsync(string stream, StreamEntry entry, int attempts, string reason);
}
