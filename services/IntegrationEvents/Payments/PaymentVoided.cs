using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Payments;

/// <summary>An authorization of a cancelled order was released.</summary>
public sealed record PaymentVoided(Guid OrderId, Guid PaymentId) : IIntegrationEvent<PaymentVoided>
{
    public static string EventType => "payments.payment-voided";

    public static string Producer => Producers.Payments;

    public static JsonTypeInfo<PaymentVoided> JsonTypeInfo => IntegrationEventsJsonContext.Default.PaymentVoided;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
