using System.Text.Json;
using System.Text.Json.Serialization;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;

namespace Store.IntegrationEvents;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderSubmitted))]
[JsonSerializable(typeof(PaymentRequested))]
[JsonSerializable(typeof(OrderConfirmed))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(StockReserved))]
[JsonSerializable(typeof(StockRejected))]
[JsonSerializable(typeof(StockReleased))]
[JsonSerializable(typeof(PaymentAuthorized))]
[JsonSerializable(typeof(PaymentDeclined))]
[JsonSerializable(typeof(PaymentVoided))]
internal sealed partial class IntegrationEventsJsonContext : JsonSerializerContext;
