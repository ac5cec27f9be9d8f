using System.Security.Claims;

namespace Store.Ordering.Orders;

/// <summary>Who is calling: the subject of the bearer token this service validated itself.</summary>
internal static class CustomerIdentity
{
    public static string? Of(HttpContext context) => context.User.FindFirstValue("sub");
}
