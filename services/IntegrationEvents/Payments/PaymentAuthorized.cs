using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Payments;

/// <summary>The provider authorized the order's total.</summary>
public sealed record PaymentAuthorized(Guid OrderId, Guid PaymentId, decimal Amount, string Currency) : IIntegrationEvent<PaymentAuthorized>
{
    public static string EventType => "payments.payment-authorized";

    public static string Producer => Producers.Payments;

    public static JsonTypeInfo<PaymentAuthorized> JsonTypeInfo => IntegrationEventsJsonContext.Default.PaymentAuthorized;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
