using System.Security.Claims;
using System.Text.RegularExpressions;

namespace Store.Ordering.Orders;

/// <summary>
/// Who is calling. A verified token's subject when there is one; until the gateway work brings JWT validation, the
/// <c>X-Customer-Id</c> header stands in for it. This file is the one place that changes then.
/// </summary>
internal static partial class CustomerIdentity
{
    public const string Header = "X-Customer-Id";

    public static string? Of(HttpContext context)
    {
        var subject = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub");
        if (subject is not null)
        {
            return subject;
        }

        var header = context.Request.Headers[Header].ToString();
        return Pattern().IsMatch(header) ? header : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex Pattern();
}
