using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.IntegrationEvents.Catalog;
using Store.Messaging;

namespace Store.IntegrationEvents.Ordering;

/// <summary>Stock reserved and payment authorized: the order is final.</summary>
public sealed record OrderConfirmed(Guid OrderId, string CustomerId, IReadOnlyList<PricedLine> Lines, decimal Total, string Currency) : IIntegrationEvent<OrderConfirmed>
{
    public static string EventType => "ordering.order-confirmed";

    public static string Producer => Producers.Ordering;

    public static JsonTypeInfo<OrderConfirmed> JsonTypeInfo => IntegrationEventsJsonContext.Default.OrderConfirmed;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
