namespace Store.Messaging.DeadLetters;

/// <summary>A message its handler gave up on, with the last error, as the dead-letter API shows it.</summary>
public sealed record DeadLetter(
    string Id,
    Guid? EventId,
    string? EventType,
    string? Subject,
    string Stream,
    string StreamEntryId,
    int Attempts,
    string Error,
    DateTimeOffset DeadLetteredAt);
