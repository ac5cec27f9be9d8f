namespace Store.Analytics.Archive;

/// <summary>What happened, as stored in the archive. Purchases come from confirmed orders, the rest from the clickstream.</summary>
internal enum EventKind : short
{
    Viewed = 1,
    AddedToCart = 2,
    Searched = 3,
    Purchased = 4,
}
