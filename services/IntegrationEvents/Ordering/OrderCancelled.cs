using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Ordering;

/// <summary>The order will not be fulfilled: whoever holds something for it (stock, an authorization) gives it back.</summary>
public sealed record OrderCancelled(Guid OrderId, string CustomerId, string Reason) : IIntegrationEvent<OrderCancelled>
{
    public static string EventType => "ordering.order-cancelled";

    public static string Producer => Producers.Ordering;

    public static JsonTypeInfo<OrderCancelled> JsonTypeInfo => IntegrationEventsJsonContext.Default.OrderCancelled;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
