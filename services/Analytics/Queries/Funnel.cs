namespace Store.Analytics.Queries;

/// <summary>
/// Visitors (users, or sessions when anonymous) who viewed a product over a range, those of them who also added one to
/// their cart, and those who then also bought.
/// </summary>
public sealed record Funnel(DateTimeOffset From, DateTimeOffset To, long Viewed, long AddedToCart, long Purchased)
{
    public double ViewToCartRate => Viewed == 0 ? 0 : (double)AddedToCart / Viewed;

    public double CartToPurchaseRate => AddedToCart == 0 ? 0 : (double)Purchased / AddedToCart;
}
