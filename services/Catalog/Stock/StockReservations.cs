using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Outbox;

namespace Store.Catalog.Stock;

/// <summary>
/// Reserves, releases and commits the stock of a run of orders inside the caller's transaction: one round trip reads
/// what the whole run needs, its writes go with the commit, one statement per table whatever the run's length. The
/// stock rows are locked in that last round trip, all in one statement and in product order (<see cref="StockChanges"/>),
/// so concurrent runs queue for as long as Postgres takes to write and commit, never for a client's round trip, and
/// never deadlock. No order ever takes more than is available: a run of several reservations decides on stock read
/// without a lock, and the stock's <c>CHECK (available &gt;= 0)</c> refuses its commit if another run took those units
/// meanwhile; the run is then rolled back and each order handled alone, which locks before it decides.
/// </summary>
internal static class StockReservations
{
    private const string Reserved = "reserved";
    private const string Rejected = "rejected";
    private const string Released = "released";
    private const string Committed = "committed";

    private const string ReadStock = """
        SELECT p.id, p.name, p.price, p.currency, s.available
        FROM stock s JOIN products p ON p.id = s.product_id
        WHERE s.product_id = ANY($1)
        ORDER BY s.product_id
        """;

    /// <summary>
    /// Per order, in the order given: its priced lines when every line could be reserved; otherwise why not, with
    /// nothing changed for it. Earlier orders of the run are served first.
    /// </summary>
    public static async Task<ReservationResult[]> ReserveAsync(
        IEventTransaction transaction, IReadOnlyList<(Guid OrderId, IReadOnlyList<OrderLine> Lines)> orders, CancellationToken cancellationToken)
    {
        var productIds = orders.SelectMany(order => order.Lines).Select(line => line.ProductId).Distinct().Order().ToArray();
        var (decided, found) = await transaction.QueryAsync(
            [
                new("SELECT order_id FROM stock_reservations WHERE order_id = ANY($1)")
                {
                    Parameters = { new() { Value = orders.Select(order => order.OrderId).ToArray() } },
                },
                new(orders.Count > 1 ? ReadStock : ReadStock + " FOR UPDATE OF s")
                {
                    Parameters = { new() { Value = productIds } },
                },
            ],
            async (reader, token) =>
            {
                var decided = new HashSet<Guid>();
                while (await reader.ReadAsync(token))
                {
                    decided.Add(reader.GetGuid(0));
                }

                await reader.NextResultAsync(token);
                var found = new Dictionary<Guid, Product>();
                while (await reader.ReadAsync(token))
                {
                    found[reader.GetGuid(0)] = new(reader.GetString(1), reader.GetDecimal(2), reader.GetString(3).Trim(), reader.GetInt32(4));
                }

                return (decided, found);
            },
            cancellationToken);

        var changes = new StockChanges();
        var results = orders.Select(order => decided.Add(order.OrderId)
            ? Reserve(order.OrderId, order.Lines, found, changes)
            : ReservationResult.AlreadyDecided).ToArray();
        changes.Write(transaction);
        return results;
    }

    /// <summary>
    /// Puts each reserved order's stock back; per order, in the order given, the products it touched, or none when
    /// nothing was reserved. A cancellation that arrives first leaves a released mark, so a late reservation is refused.
    /// </summary>
    public static Task<Guid[][]> ReleaseAsync(IEventTransaction transaction, IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken) =>
        SettleAsync(transaction, orderIds, Released, cancellationToken);

    /// <summary>The orders are final: their reserved units leave the stock for good.</summary>
    public static Task<Guid[][]> CommitAsync(IEventTransaction transaction, IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken) =>
        SettleAsync(transaction, orderIds, Committed, cancellationToken);

    private static ReservationResult Reserve(Guid orderId, IReadOnlyList<OrderLine> lines, Dictionary<Guid, Product> found, StockChanges changes)
    {
        var wanted = lines.GroupBy(line => line.ProductId).ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity));
        var productIds = wanted.Keys.Order().ToArray();
        var unknown = productIds.Where(id => !found.ContainsKey(id)).ToArray();
        var shortOf = productIds.Where(id => found.TryGetValue(id, out var product) && product.Available < wanted[id]).ToArray();
        var currencies = productIds.Where(found.ContainsKey).Select(id => found[id].Currency).Distinct(StringComparer.Ordinal).ToArray();
        var rejection = unknown.Length > 0 ? ("unknown-product", unknown)
            : shortOf.Length > 0 ? ("insufficient-stock", shortOf)
            : currencies.Length > 1 ? ("mixed-currencies", productIds)
            : ((string Reason, Guid[] Products)?)null;

        if (rejection is var (reason, rejected))
        {
            changes.Mark(orderId, Rejected);
            return ReservationResult.Rejected(reason, rejected);
        }

        var priced = productIds.Select(id => new PricedLine(id, found[id].Name, wanted[id], found[id].Price)).ToArray();
        foreach (var line in priced)
        {
            found[line.ProductId] = found[line.ProductId] with { Available = found[line.ProductId].Available - line.Quantity };
            changes.Move(line.ProductId, available: -line.Quantity, reserved: line.Quantity);
        }

        changes.Mark(orderId, Reserved);
        changes.AddLines(orderId, priced);
        return ReservationResult.Reserved(priced, currencies[0]);
    }

    private static async Task<Guid[][]> SettleAsync(IEventTransaction transaction, IReadOnlyList<Guid> orderIds, string status, CancellationToken cancellationToken)
    {
        var ids = orderIds.ToArray();
        var (current, lines) = await transaction.QueryAsync(
            [
                new("SELECT order_id, status FROM stock_reservations WHERE order_id = ANY($1) ORDER BY order_id FOR UPDATE")
                {
                    Parameters = { new() { Value = ids } },
                },
                new("SELECT order_id, product_id, quantity FROM stock_reservation_lines WHERE order_id = ANY($1)")
                {
                    Parameters = { new() { Value = ids } },
                },
            ],
            async (reader, token) =>
            {
                var current = new Dictionary<Guid, string>();
                while (await reader.ReadAsync(token))
                {
                    current[reader.GetGuid(0)] = reader.GetString(1);
                }

                await reader.NextResultAsync(token);
                var lines = new List<(Guid OrderId, Guid ProductId, int Quantity)>();
                while (await reader.ReadAsync(token))
                {
                    lines.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2)));
                }

                return (current, lines.ToLookup(line => line.OrderId));
            },
            cancellationToken);

        var changes = new StockChanges();
        var touched = orderIds.Select(orderId =>
        {
            if (!current.TryGetValue(orderId, out var was))
            {
                current[orderId] = status;
                changes.Mark(orderId, status);
                return [];
            }

            if (was != Reserved)
            {
                return [];
            }

            current[orderId] = status;
            changes.Settle(orderId, status);
            foreach (var line in lines[orderId])
            {
                changes.Move(line.ProductId, available: status == Released ? line.Quantity : 0, reserved: -line.Quantity);
            }

            return lines[orderId].Select(line => line.ProductId).Order().ToArray();
        }).ToArray();
        changes.Write(transaction);
        return touched;
    }

    private sealed record Product(string Name, decimal Price, string Currency, int Available);
}
