using System.Text.RegularExpressions;

namespace Store.Catalog.Categories;

/// <summary>Categories are named in URLs and payloads by a lowercase slug such as <c>outdoor-gear</c>.</summary>
internal static partial class CategorySlug
{
    public const int MaxLength = 64;

    public static bool IsValid(string value) => value.Length <= MaxLength && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
