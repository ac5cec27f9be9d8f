using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Store.Catalog.Products;

/// <summary>
/// Where the next page starts: the last item's sort value and id, and the sort it belongs to, as an opaque
/// URL-safe token. A cursor from one sort order is refused in another, since its position would mean nothing there.
/// </summary>
internal sealed record PageCursor(ProductSort Sort, string SortValue, Guid LastId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}|{LastId:N}|{SortValue}")));

    public static bool TryDecode(string token, out PageCursor? cursor)
    {
        cursor = null;
        if (token.Length > 1_024)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split('|', 3);
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sortNumber)
            || !Enum.IsDefined((ProductSort)sortNumber)
            || !Guid.TryParseExact(parts[1], "N", out var lastId))
        {
            return false;
        }

        var sort = (ProductSort)sortNumber;
        if (sort.IsByPrice() && !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        cursor = new PageCursor(sort, parts[2], lastId);
        return true;
    }
}
