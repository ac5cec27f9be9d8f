using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Catalog;

/// <summary>A cancelled order's reservation is back in stock.</summary>
public sealed record StockReleased(Guid OrderId) : IIntegrationEvent<StockReleased>
{
    public static string EventType => "catalog.stock-released";

    public static string Producer => Producers.Catalog;

    public static JsonTypeInfo<StockReleased> JsonTypeInfo => IntegrationEventsJsonContext.Default.StockReleased;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
