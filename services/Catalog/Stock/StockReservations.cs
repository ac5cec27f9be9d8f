using Npgsql;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Outbox;

namespace Store.Catalog.Stock;

/// <summary>
/// Reserves, releases and commits an order's stock inside the caller's transaction: one round trip reads and locks
/// what the step needs, its writes go with the commit. Rows are locked in product order, so concurrent orders for the
/// same products queue instead of deadlocking, and never take more than is available.
/// </summary>
internal static class StockReservations
{
    private const string Reserved = "reserved";
    private const string Rejected = "rejected";
    private const string Released = "released";
    private const string Committed = "committed";

    /// <summary>The order's priced lines when every line could be reserved; otherwise why not, with nothing changed.</summary>
    public static async Task<ReservationResult> ReserveAsync(IEventTransaction transaction, Guid orderId, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        var wanted = lines.GroupBy(line => line.ProductId).ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity));
        var productIds = wanted.Keys.Order().ToArray();
        var (decided, found) = await transaction.QueryAsync(
            [
                StatusQuery(orderId, forUpdate: false),
                new("""
                    SELECT p.id, p.name, p.price, p.currency, s.available
                    FROM stock s JOIN products p ON p.id = s.product_id
                    WHERE s.product_id = ANY($1)
                    ORDER BY s.product_id
                    FOR UPDATE OF s
                    """)
                {
                    Parameters = { new() { Value = productIds } },
                },
            ],
            async (reader, token) =>
            {
                var decided = await reader.ReadAsync(token);
                await reader.NextResultAsync(token);
                var found = new Dictionary<Guid, (string Name, decimal Price, string Currency, int Available)>();
                while (await reader.ReadAsync(token))
                {
                    found[reader.GetGuid(0)] = (reader.GetString(1), reader.GetDecimal(2), reader.GetString(3).Trim(), reader.GetInt32(4));
                }

                return (decided, found);
            },
            cancellationToken);
        if (decided)
        {
            return ReservationResult.AlreadyDecided;
        }

        var unknown = productIds.Where(id => !found.ContainsKey(id)).ToArray();
        var shortOf = productIds.Where(id => found.TryGetValue(id, out var product) && product.Available < wanted[id]).ToArray();
        var currencies = found.Values.Select(product => product.Currency).Distinct(StringComparer.Ordinal).ToArray();
        var rejection = unknown.Length > 0 ? ("unknown-product", unknown)
            : shortOf.Length > 0 ? ("insufficient-stock", shortOf)
            : currencies.Length > 1 ? ("mixed-currencies", productIds)
            : ((string Reason, Guid[] Products)?)null;

        if (rejection is var (reason, rejected))
        {
            Record(transaction, orderId, Rejected, []);
            return ReservationResult.Rejected(reason, rejected);
        }

        var priced = productIds.Select(id => new PricedLine(id, found[id].Name, wanted[id], found[id].Price)).ToArray();
        transaction.Write(new("""
            UPDATE stock s SET available = s.available - l.quantity, reserved = s.reserved + l.quantity
            FROM unnest($1::uuid[], $2::integer[]) AS l(product_id, quantity)
            WHERE s.product_id = l.product_id
            """)
        {
            Parameters = { new() { Value = productIds }, new() { Value = priced.Select(line => line.Quantity).ToArray() } },
        });
        TouchProducts(transaction, productIds);
        Record(transaction, orderId, Reserved, priced);
        return ReservationResult.Reserved(priced, currencies[0]);
    }

    /// <summary>Puts a reserved order's stock back; the products it touched, or none when nothing was reserved.</summary>
    /// <remarks>A cancellation that arrives first leaves a released mark, so a late reservation for the order is refused.</remarks>
    public static Task<Guid[]> ReleaseAsync(IEventTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        SettleAsync(transaction, orderId, Released, "available = s.available + l.quantity, reserved = s.reserved - l.quantity", cancellationToken);

    /// <summary>The order is final: its reserved units leave the stock for good.</summary>
    public static Task<Guid[]> CommitAsync(IEventTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        SettleAsync(transaction, orderId, Committed, "reserved = s.reserved - l.quantity", cancellationToken);

    private static async Task<Guid[]> SettleAsync(IEventTransaction transaction, Guid orderId, string status, string change, CancellationToken cancellationToken)
    {
        var (current, products) = await transaction.QueryAsync(
            [
                StatusQuery(orderId, forUpdate: true),
                new("""
                    SELECT s.product_id FROM stock s
                    JOIN stock_reservation_lines l ON l.product_id = s.product_id AND l.order_id = $1
                    WHERE EXISTS (SELECT 1 FROM stock_reservations r WHERE r.order_id = $1 AND r.status = $2)
                    ORDER BY s.product_id
                    FOR UPDATE OF s
                    """)
                {
                    Parameters = { new() { Value = orderId }, new() { Value = Reserved } },
                },
            ],
            async (reader, token) =>
            {
                var current = await reader.ReadAsync(token) ? reader.GetString(0) : null;
                await reader.NextResultAsync(token);
                var products = new List<Guid>();
                while (await reader.ReadAsync(token))
                {
                    products.Add(reader.GetGuid(0));
                }

                return (current, products.ToArray());
            },
            cancellationToken);
        if (current is null)
        {
            Record(transaction, orderId, status, []);
            return [];
        }

        if (current != Reserved)
        {
            return [];
        }

#pragma warning disable CA2100 // The change is one of two constants above.
        transaction.Write(new($"""
            WITH l AS (SELECT product_id, quantity FROM stock_reservation_lines WHERE order_id = $1)
            UPDATE stock s SET {change} FROM l WHERE s.product_id = l.product_id
            """)
        {
            Parameters = { new() { Value = orderId } },
        });
#pragma warning restore CA2100
        transaction.Write(new("UPDATE stock_reservations SET status = $2, updated_at = now() WHERE order_id = $1")
        {
            Parameters = { new() { Value = orderId }, new() { Value = status } },
        });
        TouchProducts(transaction, products);
        return products;
    }

    private static NpgsqlBatchCommand StatusQuery(Guid orderId, bool forUpdate) => new(forUpdate
        ? "SELECT status FROM stock_reservations WHERE order_id = $1 FOR UPDATE"
        : "SELECT status FROM stock_reservations WHERE order_id = $1")
    {
        Parameters = { new() { Value = orderId } },
    };

    private static void Record(IEventTransaction transaction, Guid orderId, string status, PricedLine[] lines)
    {
        transaction.Write(new("INSERT INTO stock_reservations (order_id, status) VALUES ($1, $2)")
        {
            Parameters = { new() { Value = orderId }, new() { Value = status } },
        });
        if (lines.Length > 0)
        {
            transaction.Write(new("""
                INSERT INTO stock_reservation_lines (order_id, product_id, quantity, unit_price)
                SELECT $1, * FROM unnest($2::uuid[], $3::integer[], $4::numeric[])
                """)
            {
                Parameters =
                {
                    new() { Value = orderId },
                    new() { Value = lines.Select(line => line.ProductId).ToArray() },
                    new() { Value = lines.Select(line => line.Quantity).ToArray() },
                    new() { Value = lines.Select(line => line.UnitPrice).ToArray() },
                },
            });
        }
    }

    /// <summary>Stock is part of a product's representation: its version (the ETag) moves with it.</summary>
    private static void TouchProducts(IEventTransaction transaction, Guid[] productIds)
    {
        if (productIds.Length > 0)
        {
            transaction.Write(new("UPDATE products SET version = version + 1, updated_at = now() WHERE id = ANY($1)")
            {
                Parameters = { new() { Value = productIds } },
            });
        }
    }
}
