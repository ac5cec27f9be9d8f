using StackExchange.Redis;

namespace Store.Messaging.Consumers;

/// <summary>What a <see cref="ConsumerGroupLoop"/> does with the entries it reads; the loop owns everything else.</summary>
public interface IConsumerGroupHandler
{
    /// <summary>How many entries the handler can take now; the loop reads no more than that (and at most its batch size).</summary>
    int Room { get; }

    /// <summary>Returns once <see cref="Room"/> is above zero again.</summary>
    Task WaitForRoomAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Handles entries read or taken over, acknowledging those it is done with. An entry trimmed from its stream while
    /// pending comes with no fields. Throwing leaves the entries pending: the loop reads them again after a pause.
    /// </summary>
    /// <param name="redelivered">The entries were delivered before: read again from this consumer's pending list or taken over from another.</param>
    Task HandleAsync(IReadOnlyList<(string Stream, StreamEntry Entry)> entries, bool redelivered, CancellationToken cancellationToken);

    /// <summary>How many entries the group has delivered and not yet acknowledged, counted after each round of taking over.</summary>
    void ReportPending(long pending)
    {
    }
}
