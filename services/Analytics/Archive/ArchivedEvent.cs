namespace Store.Analytics.Archive;

/// <summary>One row of the raw-event archive.</summary>
/// <param name="Visitor">Whom the funnel follows: the user when known, else the session.</param>
/// <param name="Properties">The client's extra properties as a JSON object, if it sent any.</param>
internal sealed record ArchivedEvent(
    Guid EventId,
    DateTimeOffset OccurredAt,
    EventKind Kind,
    string SessionId,
    string? UserId,
    string Visitor,
    Guid? ProductId,
    int Quantity,
    string? SearchQuery,
    string? Properties);
