namespace Store.Ordering.Orders;

/// <summary>The saga's states. Confirmed and cancelled are final.</summary>
internal static class OrderStatus
{
    public const string Submitted = "submitted";
    public const string AwaitingPayment = "awaiting-payment";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Confirmed or Cancelled;
}
