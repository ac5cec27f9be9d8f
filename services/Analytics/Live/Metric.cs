using System.Text.Json.Serialization;

namespace Store.Analytics.Live;

/// <summary>What products are ranked by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Metric>))]
public enum Metric
{
    [JsonStringEnumMemberName("views")]
    Views,

    [JsonStringEnumMemberName("carts")]
    Carts,

    [JsonStringEnumMemberName("purchases")]
    Purchases,
}
