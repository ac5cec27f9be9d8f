using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Ordering;

/// <summary>Stock is reserved: the order asks payments to authorize its total.</summary>
/// <param name="Deadline">When the saga stops waiting for the payment; past it payments does not charge.</param>
public sealed record PaymentRequested(Guid OrderId, string CustomerId, decimal Amount, string Currency, string PaymentToken, DateTimeOffset? Deadline = null)
    : IIntegrationEvent<PaymentRequested>, IExpiringEvent
{
    public static string EventType => "ordering.payment-requested";

    public static string Producer => Producers.Ordering;

    public static JsonTypeInfo<PaymentRequested> JsonTypeInfo => IntegrationEventsJsonContext.Default.PaymentRequested;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
