using Npgsql;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;

namespace Store.Catalog.Stock;

/// <summary>
/// Reserves, releases and commits an order's stock inside the caller's transaction. Rows are locked in product order,
/// so concurrent orders for the same products queue instead of deadlocking, and never take more than is available.
/// </summary>
internal static class StockReservations
{
    /// <summary>The order's priced lines when every line could be reserved; otherwise why not, with nothing changed.</summary>
    public static async Task<ReservationResult> ReserveAsync(NpgsqlTransaction transaction, Guid orderId, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        if (await StatusAsync(transaction, orderId, cancellationToken) is not null)
        {
            return ReservationResult.AlreadyDecided;
        }

        var wanted = lines.GroupBy(line => line.ProductId).ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity));
        var productIds = wanted.Keys.Order().ToArray();

        var found = new Dictionary<Guid, (string Name, decimal Price, string Currency, int Available)>();
        await using (var lockRows = new NpgsqlCommand("""
            SELECT p.id, p.name, p.price, p.currency, s.available
            FROM stock s JOIN products p ON p.id = s.product_id
            WHERE s.product_id = ANY($1)
            ORDER BY s.product_id
            FOR UPDATE OF s
            """, connection, transaction))
        {
            lockRows.Parameters.Add(new() { Value = productIds });
            await using var reader = await lockRows.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetGuid(0)] = (reader.GetString(1), reader.GetDecimal(2), reader.GetString(3).Trim(), reader.GetInt32(4));
            }
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
            await RecordAsync(transaction, orderId, "rejected", [], cancellationToken);
            return ReservationResult.Rejected(reason, rejected);
        }

        var priced = productIds.Select(id => new PricedLine(id, found[id].Name, wanted[id], found[id].Price)).ToArray();
        await using (var reserve = new NpgsqlCommand("""
            UPDATE stock s SET available = s.available - l.quantity, reserved = s.reserved + l.quantity
            FROM unnest($1::uuid[], $2::integer[]) AS l(product_id, quantity)
            WHERE s.product_id = l.product_id
            """, connection, transaction))
        {
            reserve.Parameters.Add(new() { Value = productIds });
            reserve.Parameters.Add(new() { Value = priced.Select(line => line.Quantity).ToArray() });
            await reserve.ExecuteNonQueryAsync(cancellationToken);
        }

        await TouchProductsAsync(transaction, productIds, cancellationToken);
        await RecordAsync(transaction, orderId, "reserved", priced, cancellationToken);
        return ReservationResult.Reserved(priced, currencies[0]);
    }

    /// <summary>Puts a reserved order's stock back; the products it touched, or none when nothing was reserved.</summary>
    /// <remarks>A cancellation that arrives first leaves a released mark, so a late reservation for the order is refused.</remarks>
    public static Task<Guid[]> ReleaseAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        SettleAsync(transaction, orderId, "released", "available = s.available + l.quantity, reserved = s.reserved - l.quantity", cancellationToken);

    /// <summary>The order is final: its reserved units leave the stock for good.</summary>
    public static Task<Guid[]> CommitAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        SettleAsync(transaction, orderId, "committed", "reserved = s.reserved - l.quantity", cancellationToken);

    private static async Task<Guid[]> SettleAsync(NpgsqlTransaction transaction, Guid orderId, string status, string change, CancellationToken cancellationToken)
    {
        var current = await StatusAsync(transaction, orderId, cancellationToken, forUpdate: true);
        if (current is null)
        {
            await RecordAsync(transaction, orderId, status, [], cancellationToken);
            return [];
        }

        if (current != "reserved")
        {
            return [];
        }

        await using (var lockRows = new NpgsqlCommand("""
            SELECT s.product_id FROM stock s
            JOIN stock_reservation_lines l ON l.product_id = s.product_id AND l.order_id = $1
            ORDER BY s.product_id
            FOR UPDATE OF s
            """, transaction.Connection, transaction))
        {
            lockRows.Parameters.Add(new() { Value = orderId });
            await lockRows.ExecuteNonQueryAsync(cancellationToken);
        }

#pragma warning disable CA2100 // The change is one of two constants above.
        await using var settle = new NpgsqlCommand($"""
            WITH l AS (SELECT product_id, quantity FROM stock_reservation_lines WHERE order_id = $1 ORDER BY product_id),
            changed AS (
                UPDATE stock s SET {change} FROM l WHERE s.product_id = l.product_id RETURNING s.product_id),
            marked AS (
                UPDATE stock_reservations SET status = $2, updated_at = now() WHERE order_id = $1)
            SELECT product_id FROM changed
            """, transaction.Connection, transaction);
#pragma warning restore CA2100
        settle.Parameters.Add(new() { Value = orderId });
        settle.Parameters.Add(new() { Value = status });
        var touched = new List<Guid>();
        await using (var reader = await settle.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                touched.Add(reader.GetGuid(0));
            }
        }

        await TouchProductsAsync(transaction, [.. touched], cancellationToken);
        return [.. touched];
    }

    private static async Task<string?> StatusAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var query = new NpgsqlCommand(
            forUpdate ? "SELECT status FROM stock_reservations WHERE order_id = $1 FOR UPDATE" : "SELECT status FROM stock_reservations WHERE order_id = $1",
            transaction.Connection, transaction);
        query.Parameters.Add(new() { Value = orderId });
        return await query.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task RecordAsync(NpgsqlTransaction transaction, Guid orderId, string status, IReadOnlyList<PricedLine> lines, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("INSERT INTO stock_reservations (order_id, status) VALUES ($1, $2)")
                {
                    Parameters = { new() { Value = orderId }, new() { Value = status } },
                },
                new("""
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
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stock is part of a product's representation: its version (the ETag) moves with it.</summary>
    private static async Task TouchProductsAsync(NpgsqlTransaction transaction, Guid[] productIds, CancellationToken cancellationToken)
    {
        await using var touch = new NpgsqlCommand("UPDATE products SET version = version + 1, updated_at = now() WHERE id = ANY($1)", transaction.Connection, transaction);
        touch.Parameters.Add(new() { Value = productIds });
        await touch.ExecuteNonQueryAsync(cancellationToken);
    }
}
