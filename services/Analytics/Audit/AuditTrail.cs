using Npgsql;
using NpgsqlTypes;
using Store.Messaging.Consumers;

namespace Store.Analytics.Audit;

/// <summary>Appends every integration event that reaches the service to the audit log, in the inbox transaction.</summary>
internal sealed class AuditTrail : IEventObserver
{
    public Task ObserveAsync(EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var envelope = context.Envelope;
        context.Write(new NpgsqlBatchCommand("""
            INSERT INTO audit_log (event_id, event_type, entity, actor, occurred_at, correlation_id, causation_id, trace_id, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (event_id) DO NOTHING
            """)
        {
            Parameters =
            {
                new() { Value = envelope.EventId },
                new() { Value = envelope.EventType },
                new() { Value = envelope.Subject },
                new() { Value = (object?)envelope.Actor ?? DBNull.Value },
                new() { Value = envelope.OccurredAt },
                new() { Value = envelope.CorrelationId },
                new() { Value = (object?)envelope.CausationId ?? DBNull.Value },
                new() { Value = (object?)TraceIdOf(envelope.TraceParent) ?? DBNull.Value },
                new() { Value = envelope.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb },
            },
        });
        return Task.CompletedTask;
    }

    /// <summary>The trace id of a W3C traceparent (version-traceid-spanid-flags), to find the flow in the dashboard.</summary>
    private static string? TraceIdOf(string? traceParent)
        => traceParent?.Split('-') is [_, var traceId, _, _] && traceId.Length == 32 ? traceId : null;
}
