using System.Text.RegularExpressions;

namespace Store.Analytics.Ingest;

/// <summary>The body of <c>POST /api/v1/events</c>: accepted whole or refused whole.</summary>
public sealed partial record ClickEventBatch(IReadOnlyList<ClickEvent?>? Events)
{
    public const int MaxQueryLength = 200;
    public const int MaxProperties = 16;
    public const int MaxPropertyKeyLength = 64;
    public const int MaxPropertyValueLength = 256;
    public const int MaxQuantity = 1000;

    /// <summary>
    /// Field errors keyed <c>events[i].field</c>; empty when every event may be stored. <paramref name="caller"/> is
    /// the verified subject of the request's token, if any: an event names that user or none.
    /// </summary>
    internal Dictionary<string, string[]> Validate(DateTimeOffset now, IngestOptions options, string? caller)
    {
        var errors = new Dictionary<string, string[]>();
        if (Events is not { Count: > 0 })
        {
            errors["events"] = ["A batch holds at least one event."];
            return errors;
        }

        if (Events.Count > options.MaxEventsPerBatch)
        {
            errors["events"] = [$"A batch holds at most {options.MaxEventsPerBatch} events."];
            return errors;
        }

        var ids = new Dictionary<Guid, int>();
        for (var i = 0; i < Events.Count; i++)
        {
            var prefix = $"events[{i}]";
            if (Events[i] is not { } @event)
            {
                errors[prefix] = ["An event is required."];
                continue;
            }

            if (@event.Id is not { } id || id == Guid.Empty)
            {
                errors[$"{prefix}.id"] = ["A non-empty UUID chosen by the client is required."];
            }
            else if (!ids.TryAdd(id, i))
            {
                errors[$"{prefix}.id"] = [$"Repeats the id of events[{ids[id]}]."];
            }

            var kind = ClickEvent.KindOf(@event.Type);
            if (kind is null)
            {
                errors[$"{prefix}.type"] = [$"Type is one of {ClickEvent.Viewed}, {ClickEvent.AddedToCart}, {ClickEvent.Searched}."];
            }

            if (@event.SessionId is null || !Identifier().IsMatch(@event.SessionId))
            {
                errors[$"{prefix}.sessionId"] = ["A session id of 1 to 64 letters, digits or . _ : @ - is required."];
            }

            if (@event.UserId is not null && @event.UserId != caller)
            {
                errors[$"{prefix}.userId"] = [caller is null
                    ? "Anonymous events name no user: sign in to send them as yourself."
                    : "Events name the signed-in user or no one."];
            }

            if (@event.OccurredAt is not { } at)
            {
                errors[$"{prefix}.occurredAt"] = ["The time the event happened is required."];
            }
            else if (at < now - options.MaxEventAge || at > now + options.MaxClockSkew)
            {
                errors[$"{prefix}.occurredAt"] = [$"The time is within the last {options.MaxEventAge.TotalDays:0.#} days and not in the future."];
            }

            var needsProduct = kind is Archive.EventKind.Viewed or Archive.EventKind.AddedToCart;
            if (needsProduct && @event.ProductId is not { } product)
            {
                errors[$"{prefix}.productId"] = ["A product id is required for this type."];
            }
            else if (needsProduct && @event.ProductId == Guid.Empty)
            {
                errors[$"{prefix}.productId"] = ["The product id is not empty."];
            }
            else if (kind is Archive.EventKind.Searched && @event.ProductId is not null)
            {
                errors[$"{prefix}.productId"] = ["A search names no product."];
            }

            if (@event.Quantity is { } quantity && (kind is not Archive.EventKind.AddedToCart || quantity is < 1 or > MaxQuantity))
            {
                errors[$"{prefix}.quantity"] = [$"Only added-to-cart has a quantity, from 1 to {MaxQuantity}."];
            }

            var isSearch = kind is Archive.EventKind.Searched;
            if (isSearch != (@event.Query is not null))
            {
                errors[$"{prefix}.query"] = ["A search has a query; other types have none."];
            }
            else if (@event.Query is { } query && (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength))
            {
                errors[$"{prefix}.query"] = [$"The query has 1 to {MaxQueryLength} characters."];
            }

            if (@event.Properties is { } properties && !PropertiesAreValid(properties))
            {
                errors[$"{prefix}.properties"] = [$"Up to {MaxProperties} properties, names of 1 to {MaxPropertyKeyLength} characters, values up to {MaxPropertyValueLength}."];
            }
        }

        return errors;
    }

    private static bool PropertiesAreValid(Dictionary<string, string> properties)
        => properties.Count <= MaxProperties
            && properties.All(pair => pair.Key.Length is > 0 and <= MaxPropertyKeyLength && pair.Value is { Length: <= MaxPropertyValueLength });

    [GeneratedRegex("^[A-Za-z0-9._:@-]{1,64}$")]
    private static partial Regex Identifier();
}
