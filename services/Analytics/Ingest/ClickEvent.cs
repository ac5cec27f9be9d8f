using System.Text.Json;
using Store.Analytics.Archive;

namespace Store.Analytics.Ingest;

/// <summary>One clickstream event as a client sends it, and as it travels on the clickstream stream once valid.</summary>
/// <param name="Id">Chosen by the client; a retried batch carries the same ids and is counted once.</param>
/// <param name="Type">product-viewed, added-to-cart or searched.</param>
public sealed record ClickEvent(
    Guid? Id,
    string? Type,
    string? SessionId,
    string? UserId,
    DateTimeOffset? OccurredAt,
    Guid? ProductId,
    int? Quantity,
    string? Query,
    Dictionary<string, string>? Properties)
{
    public const string Viewed = "product-viewed";
    public const string AddedToCart = "added-to-cart";
    public const string Searched = "searched";

    internal static EventKind? KindOf(string? type) => type switch
    {
        Viewed => EventKind.Viewed,
        AddedToCart => EventKind.AddedToCart,
        Searched => EventKind.Searched,
        _ => null,
    };

    /// <summary>The archive row of a validated event.</summary>
    internal ArchivedEvent ToArchived() => new(
        Id!.Value,
        OccurredAt!.Value,
        KindOf(Type)!.Value,
        SessionId!,
        UserId,
        UserId ?? $"session:{SessionId}",
        ProductId,
        Quantity ?? 1,
        Query,
        Properties is { Count: > 0 } ? JsonSerializer.Serialize(Properties, AnalyticsJsonContext.Default.DictionaryStringString) : null);
}
