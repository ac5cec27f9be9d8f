using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Catalog;

/// <summary>The order cannot be served: nothing was reserved.</summary>
public sealed record StockRejected(Guid OrderId, string Reason, IReadOnlyList<Guid> ProductIds) : IIntegrationEvent<StockRejected>
{
    public static string EventType => "catalog.stock-rejected";

    public static string Producer => Producers.Catalog;

    public static JsonTypeInfo<StockRejected> JsonTypeInfo => IntegrationEventsJsonContext.Default.StockRejected;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
