namespace Store.Catalog.Products;

/// <summary>A validated list request.</summary>
internal sealed record ProductQuery(string? Category, string? Search, ProductSort Sort, int Limit, PageCursor? After)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxSearchLength = 200;

    public static (ProductQuery? Query, Dictionary<string, string[]> Errors) Parse(
        string? category, string? q, string? sort, int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();

        if (category is not null && !Categories.CategorySlug.IsValid(category))
        {
            errors["category"] = ["A category is named by its slug, such as 'kitchen'."];
        }

        if (q is { Length: > MaxSearchLength })
        {
            errors["q"] = [$"A search has at most {MaxSearchLength} characters."];
        }

        if (!ProductSorts.TryParse(sort, out var order))
        {
            errors["sort"] = [$"Sort is one of: {ProductSorts.Allowed}."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"A limit is between 1 and {MaxLimit}."];
        }

        PageCursor? after = null;
        if (cursor is not null && (!PageCursor.TryDecode(cursor, out after) || after!.Sort != order))
        {
            errors["cursor"] = ["The cursor is not one this list returned for the same sort order."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ProductQuery(category, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), order, limit ?? DefaultLimit, after), errors);
    }
}
