using Store.IntegrationEvents.Catalog;

namespace Store.Catalog.Stock;

/// <summary>What became of a reservation request.</summary>
internal sealed record ReservationResult(ReservationStatus Status, IReadOnlyList<PricedLine> Lines, string Currency, string Reason, IReadOnlyList<Guid> RejectedProducts)
{
    public static readonly ReservationResult AlreadyDecided = new(ReservationStatus.AlreadyDecided, [], "", "", []);

    public decimal Total => Lines.Sum(line => line.UnitPrice * line.Quantity);

    public static ReservationResult Reserved(IReadOnlyList<PricedLine> lines, string currency) => new(ReservationStatus.Reserved, lines, currency, "", []);

    public static ReservationResult Rejected(string reason, IReadOnlyList<Guid> products) => new(ReservationStatus.Rejected, [], "", reason, products);
}

internal enum ReservationStatus
{
    Reserved,
    Rejected,
    AlreadyDecided,
}
