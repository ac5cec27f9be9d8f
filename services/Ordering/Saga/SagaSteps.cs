namespace Store.Ordering.Saga;

/// <summary>The names of the steps an order's history records.</summary>
internal static class SagaSteps
{
    public const string Submitted = "submitted";
    public const string StockReserved = "stock-reserved";
    public const string StockRejected = "stock-rejected";
    public const string PaymentAuthorized = "payment-authorized";
    public const string PaymentDeclined = "payment-declined";
    public const string CancelledByCustomer = "cancelled-by-customer";
    public const string TimedOut = "timed-out";
    public const string StockReleased = "stock-released";
    public const string PaymentVoided = "payment-voided";
}
