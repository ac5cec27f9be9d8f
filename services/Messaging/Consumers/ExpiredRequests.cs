using System.Diagnostics;
using Store.Messaging.Telemetry;

namespace Store.Messaging.Consumers;

/// <summary>Recognizes requests (<see cref="IExpiringEvent"/>) that arrive after their deadline, and counts and logs each one dropped.</summary>
internal sealed partial class ExpiredRequests(TimeProvider clock, MessagingRegistry registry, MessagingTelemetry telemetry, ILogger<ExpiredRequests> logger)
{
    /// <summary>True when nobody waits for <paramref name="request"/>'s answer any more: its handler is not to run.</summary>
    public bool HaveGivenUpOn(IExpiringEvent request, EventContext context)
    {
        var now = clock.GetUtcNow();
        if (request.Deadline is not { } deadline || now < deadline)
        {
            return false;
        }

        telemetry.Expired.Add(1, new KeyValuePair<string, object?>("messaging.event.type", context.Envelope.EventType));
        (context.Span ?? Activity.Current)?.SetTag("messaging.message.expired", true);
        LogExpired(logger, context.Envelope.EventType, context.Envelope.Subject, now - deadline, registry.ConsumerGroup);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} about {Subject} arrived {Late} after its deadline: {Group} does not act on it")]
    private static partial void LogExpired(ILogger logger, string eventType, string subject, TimeSpan late, string group);
}
