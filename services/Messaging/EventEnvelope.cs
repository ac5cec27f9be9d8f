namespace Store.Messaging;

/// <summary>What travels with every event: identity, causality, trace context and the JSON payload.</summary>
/// <param name="CorrelationId">Shared by every event of one business flow (an order's whole saga).</param>
/// <param name="CausationId">The event whose handling published this one; none for events caused by a request.</param>
/// <param name="Actor">The user on whose behalf the flow runs, passed on to every event it causes; none when a service acted on its own.</param>
/// <param name="TraceParent">W3C trace context of the publishing span, so consumers continue the same trace.</param>
public sealed record EventEnvelope(
    Guid EventId,
    string EventType,
    string Subject,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid? CausationId,
    string? Actor,
    string? TraceParent,
    string? TraceState,
    string Payload);
