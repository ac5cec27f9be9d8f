using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Store.Analytics.Audit;
using Store.Analytics.Ingest;
using Store.Analytics.Live;
using Store.Analytics.Queries;

namespace Store.Analytics;

/// <summary>Source-generated serializers: no reflection on the ingest path or the stream processor's.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClickEventBatch))]
[JsonSerializable(typeof(ClickEvent))]
[JsonSerializable(typeof(IngestReceipt))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(LiveUpdate))]
[JsonSerializable(typeof(TopProducts))]
[JsonSerializable(typeof(ProductSeries))]
[JsonSerializable(typeof(Funnel))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(List<AuditEntry>))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class AnalyticsJsonContext : JsonSerializerContext;
