using System.Text.RegularExpressions;

namespace Store.Catalog.Products;

/// <summary>What a client sends to create or replace a product. Every field is nullable so that a missing one is a
/// field error, not a deserialization failure.</summary>
internal sealed partial record ProductInput(
    string? Sku,
    string? Name,
    string? Description,
    decimal? Price,
    string? Currency,
    string? Category,
    string? ImageUrl,
    int? InitialStock = null)
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxImageUrlLength = 2_048;
    public const int MaxInitialStock = 1_000_000;
    public const decimal MaxPrice = 10_000_000_000m;

    /// <summary>Field errors keyed by JSON property name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(Sku))
        {
            errors["sku"] = ["A SKU is required."];
        }
        else if (Sku.Length > MaxSkuLength || !SkuPattern().IsMatch(Sku))
        {
            errors["sku"] = [$"A SKU has at most {MaxSkuLength} characters: capital letters, digits and dashes."];
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["A name is required."];
        }
        else if (Name.Length > MaxNameLength)
        {
            errors["name"] = [$"A name has at most {MaxNameLength} characters."];
        }

        if (Description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"A description has at most {MaxDescriptionLength} characters."];
        }

        if (Price is null)
        {
            errors["price"] = ["A price is required."];
        }
        else if (Price < 0 || Price >= MaxPrice || decimal.Round(Price.Value, 2) != Price)
        {
            errors["price"] = ["A price is at least 0, below 10,000,000,000 and has at most two decimals."];
        }

        if (Currency is null || !CurrencyPattern().IsMatch(Currency))
        {
            errors["currency"] = ["A currency is an ISO 4217 code of three capital letters, such as USD."];
        }

        if (string.IsNullOrWhiteSpace(Category))
        {
            errors["category"] = ["A category is required."];
        }
        else if (!Categories.CategorySlug.IsValid(Category))
        {
            errors["category"] = ["A category is named by its slug, such as 'kitchen'."];
        }

        if (ImageUrl is not null && (ImageUrl.Length > MaxImageUrlLength || !IsImageUrl(ImageUrl)))
        {
            errors["imageUrl"] = [$"An image URL is an absolute http(s) URL or a path starting with '/', at most {MaxImageUrlLength} characters."];
        }

        if (InitialStock is < 0 or > MaxInitialStock)
        {
            errors["initialStock"] = [$"Initial stock is between 0 and {MaxInitialStock}."];
        }

        return errors;
    }

    private static bool IsImageUrl(string value) =>
        (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && Uri.IsWellFormedUriString(value, UriKind.Relative))
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$")]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
