using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Ordering;

/// <summary>A customer placed an order: the saga starts by asking the catalog to reserve its lines.</summary>
/// <param name="Deadline">When the saga stops waiting for the reservation; past it the catalog reserves nothing.</param>
public sealed record OrderSubmitted(Guid OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines, DateTimeOffset? Deadline = null)
    : IIntegrationEvent<OrderSubmitted>, IExpiringEvent
{
    public static string EventType => "ordering.order-submitted";

    public static string Producer => Producers.Ordering;

    public static JsonTypeInfo<OrderSubmitted> JsonTypeInfo => IntegrationEventsJsonContext.Default.OrderSubmitted;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
