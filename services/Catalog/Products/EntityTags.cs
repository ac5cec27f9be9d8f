using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Store.Catalog.Products;

/// <summary>A product's ETag is its version, quoted. Reads honour If-None-Match, writes If-Match.</summary>
internal static class EntityTags
{
    /// <summary>Matches no version: an If-Match that cannot be read must fail the write, not skip the check.</summary>
    private const int Unmatchable = -1;

    public static string For(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static bool IsCurrent(HttpRequest request, int version)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(For(version));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }

    /// <summary>The version an If-Match demands, or null when any version will do (no header, or <c>*</c>).</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(ifMatch, out var tags) || tags.Count != 1)
        {
            return Unmatchable;
        }

        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any))
        {
            return null;
        }

        return !tag.IsWeak && int.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : Unmatchable;
    }
}
