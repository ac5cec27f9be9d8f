namespace Store.Ordering.Orders;

/// <summary>An order as its owner sees it: its lines, where its saga stands, and every step so far.</summary>
internal sealed record Order(
    Guid Id,
    string CustomerId,
    string Status,
    IReadOnlyList<OrderLineView> Lines,
    decimal? Total,
    string? Currency,
    string? CancellationReason,
    DateTimeOffset? Deadline,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OrderStep> History);

/// <summary>A line; its name and price are known once the catalog has reserved it.</summary>
internal sealed record OrderLineView(Guid ProductId, int Quantity, string? Name, decimal? UnitPrice);

internal sealed record OrderStep(int Sequence, string Step, string Status, string? Detail, DateTimeOffset At);

internal sealed record OrderPage(IReadOnlyList<Order> Items, string? NextCursor);
