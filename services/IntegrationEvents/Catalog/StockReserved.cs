using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Store.Messaging;

namespace Store.IntegrationEvents.Catalog;

/// <summary>Every line of the order is set aside, priced at the moment of reservation.</summary>
public sealed record StockReserved(Guid OrderId, IReadOnlyList<PricedLine> Lines, decimal Total, string Currency) : IIntegrationEvent<StockReserved>
{
    public static string EventType => "catalog.stock-reserved";

    public static string Producer => Producers.Catalog;

    public static JsonTypeInfo<StockReserved> JsonTypeInfo => IntegrationEventsJsonContext.Default.StockReserved;

    [JsonIgnore]
    public string Subject => $"order/{OrderId}";
}
