using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Payments;

/// <summary>The provider refused the payment; nothing was charged.</summary>
public sealed record PaymentDeclined(Guid OrderId, string Reason) : IIntegrationEvent<PaymentDeclined>
{
    public static string EventType => "payments.payment-declined";

    public static string Producer => Producers.Payments;

    public static JsonTypeInfo<PaymentDeclined> JsonTypeInfo => IntegrationEventsJsonContext.Default.PaymentDeclined;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
