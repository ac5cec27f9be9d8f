namespace Store.Messaging;

/// <summary>What travels with every event: identity, causality, trace context and the JSON payload.</summary>
/// <param name="CorrelationId">Shared by every event of one business flow (an order's whole saga).</param>
/// <param name="CausationId">The event whose handling published this one; none for events caused by a request.</param>
/// <param name="TraceParent">W3C trace context of the publishing span, so consumers continue the same trace.</param>
public sealed record EventEnvelope(
    Guid EventId,
    string EventType,
    string Subject,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid? CausationId,
    string? TraceParent,
    string? TraceState,
    string Payload);
