using System.Text.Json;

namespace Store.Analytics.Audit;

/// <summary>One integration event in an entity's history.</summary>
/// <param name="Actor">The user on whose behalf the flow ran; null when a service acted on its own.</param>
/// <param name="TraceId">Finds the flow's trace in the dashboard.</param>
public sealed record AuditEntry(
    long Position,
    Guid EventId,
    string EventType,
    string Entity,
    string? Actor,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Guid CorrelationId,
    Guid? CausationId,
    string? TraceId,
    JsonElement Payload);
