namespace Store.Ordering.Saga;

/// <summary>
/// What one input does to an order: nothing; a note in its history (compensation done); or a move to another status,
/// with the deadline of the step it now waits on and the events that move publishes.
/// </summary>
/// <param name="Deadline">After a move: when the next step times out, or none once the order is final.</param>
/// <param name="Pricing">After the stock is reserved: the prices to record on the order.</param>
/// <param name="Events">Integration events to publish in the same transaction.</param>
internal sealed record SagaTransition(
    SagaChange Change,
    string Status,
    HistoryEntry? Entry,
    DateTimeOffset? Deadline,
    Pricing? Pricing,
    string? CancellationReason,
    IReadOnlyList<object> Events)
{
    public static SagaTransition None(string status) => new(SagaChange.None, status, null, null, null, null, []);
}

internal enum SagaChange
{
    None,
    Note,
    Move,
}

/// <summary>A step of the order's history: what happened, and a detail such as the reason or the payment.</summary>
internal sealed record HistoryEntry(string Step, string? Detail);
