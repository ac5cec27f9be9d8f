namespace Store.Ordering.Orders;

internal enum CancelOrderOutcome
{
    Cancelled,
    NotFound,
    AlreadyConfirmed,
}
