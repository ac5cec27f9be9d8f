using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Ordering;

/// <summary>A customer placed an order: the saga starts by asking the catalog to reserve its lines.</summary>
public sealed record OrderSubmitted(Guid OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines) : IIntegrationEvent<OrderSubmitted>
{
    public static string EventType => "ordering.order-submitted";

    public static string Producer => Producers.Ordering;

    public static JsonTypeInfo<OrderSubmitted> JsonTypeInfo => IntegrationEventsJsonContext.Default.OrderSubmitted;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
