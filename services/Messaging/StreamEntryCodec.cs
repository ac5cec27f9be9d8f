using System.Globalization;
using StackExchange.Redis;

namespace Store.Messaging;

/// <summary>Writes an <see cref="EventEnvelope"/> as the fields of a stream entry and reads it back.</summary>
internal static class StreamEntryCodec
{
    public const string EventId = "event-id";
    public const string Type = "type";
    public const string Subject = "subject";
    public const string OccurredAt = "occurred-at";
    public const string CorrelationId = "correlation-id";
    public const string CausationId = "causation-id";
    public const string Actor = "actor";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string Payload = "payload";

    public static NameValueEntry[] Encode(EventEnvelope envelope)
    {
        var fields = new List<NameValueEntry>(10)
        {
            new(EventId, envelope.EventId.ToString()),
            new(Type, envelope.EventType),
            new(Subject, envelope.Subject),
            new(OccurredAt, envelope.OccurredAt.ToString("O", CultureInfo.InvariantCulture)),
            new(CorrelationId, envelope.CorrelationId.ToString()),
        };
        if (envelope.CausationId is { } causation)
        {
            fields.Add(new(CausationId, causation.ToString()));
        }

        if (envelope.Actor is { } actor)
        {
            fields.Add(new(Actor, actor));
        }

        if (envelope.TraceParent is { } traceParent)
        {
            fields.Add(new(TraceParent, traceParent));
        }

        if (envelope.TraceState is { } traceState)
        {
            fields.Add(new(TraceState, traceState));
        }

        fields.Add(new(Payload, envelope.Payload));
        return [.. fields];
    }

    /// <summary>Reads the envelope of an entry; false when a required field is missing or malformed.</summary>
    public static bool TryDecode(NameValueEntry[] fields, out EventEnvelope envelope)
    {
        envelope = null!;
        var values = new Dictionary<string, string>(fields.Length, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            values[field.Name.ToString()] = field.Value.ToString();
        }

        if (!Guid.TryParse(values.GetValueOrDefault(EventId), out var eventId)
            || !values.TryGetValue(Type, out var type) || type.Length == 0
            || !values.TryGetValue(Subject, out var subject)
            || !DateTimeOffset.TryParse(values.GetValueOrDefault(OccurredAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var occurredAt)
            || !Guid.TryParse(values.GetValueOrDefault(CorrelationId), out var correlationId)
            || !values.TryGetValue(Payload, out var payload))
        {
            return false;
        }

        Guid? causationId = null;
        if (values.TryGetValue(CausationId, out var causationText))
        {
            if (!Guid.TryParse(causationText, out var causation))
            {
                return false;
            }

            causationId = causation;
        }

        envelope = new EventEnvelope(eventId, type, subject, occurredAt, correlationId, causationId,
            values.GetValueOrDefault(Actor), values.GetValueOrDefault(TraceParent), values.GetValueOrDefault(TraceState), payload);
        return true;
    }
}
