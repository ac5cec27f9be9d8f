using System.Text.RegularExpressions;

namespace Store.Ordering.Orders;

/// <summary>The <c>Idempotency-Key</c> header: the client's name for one intended order, reused on every retry.</summary>
internal static partial class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);

    public const string Rule = "Idempotency-Key is required: 1 to 100 visible ASCII characters, the same on every retry of one order.";

    [GeneratedRegex("^[\\x21-\\x7E]{1,100}$")]
    private static partial Regex Pattern();
}
