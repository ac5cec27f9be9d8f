using Store.IntegrationEvents.Catalog;
using Store.Messaging.Outbox;

namespace Store.Catalog.Stock;

/// <summary>
/// What a run of stock steps changes, gathered so that it is written in one statement per table, however many orders
/// the run holds: units moved per product (summed), reservations recorded or settled, reserved lines.
/// </summary>
internal sealed class StockChanges
{
    private readonly SortedDictionary<Guid, (int Available, int Reserved)> _moves = [];
    private readonly List<(Guid OrderId, string Status)> _marks = [];
    private readonly List<(Guid OrderId, string Status)> _settled = [];
    private readonly List<(Guid OrderId, PricedLine Line)> _lines = [];

    /// <summary>Moves units of <paramref name="productId"/> between available and reserved (or out of stock, when sold).</summary>
    public void Move(Guid productId, int available, int reserved)
    {
        var (wasAvailable, wasReserved) = _moves.GetValueOrDefault(productId);
        _moves[productId] = (wasAvailable + available, wasReserved + reserved);
    }

    /// <summary>Records a first decision about an order.</summary>
    public void Mark(Guid orderId, string status) => _marks.Add((orderId, status));

    /// <summary>Moves a recorded reservation on to <paramref name="status"/>.</summary>
    public void Settle(Guid orderId, string status) => _settled.Add((orderId, status));

    public void AddLines(Guid orderId, IEnumerable<PricedLine> lines) => _lines.AddRange(lines.Select(line => (orderId, line)));

    /// <summary>Queues the writes in <paramref name="transaction"/>; they travel with its commit.</summary>
    public void Write(IEventTransaction transaction)
    {
        if (_marks.Count > 0)
        {
            transaction.Write(new("INSERT INTO stock_reservations (order_id, status) SELECT * FROM unnest($1::uuid[], $2::text[])")
            {
                Parameters = { new() { Value = _marks.Select(mark => mark.OrderId).ToArray() }, new() { Value = _marks.Select(mark => mark.Status).ToArray() } },
            });
        }

        if (_settled.Count > 0)
        {
            // = ANY keeps the plan on the primary key however the table has grown since the statement was prepared (a
            // join with unnest was planned as a scan of the whole table while it was small, and the plan kept).
            transaction.Write(new("""
                UPDATE stock_reservations SET status = ($2::text[])[array_position($1::uuid[], order_id)], updated_at = now()
                WHERE order_id = ANY($1)
                """)
            {
                Parameters = { new() { Value = _settled.Select(item => item.OrderId).ToArray() }, new() { Value = _settled.Select(item => item.Status).ToArray() } },
            });
        }

        if (_lines.Count > 0)
        {
            transaction.Write(new("""
                INSERT INTO stock_reservation_lines (order_id, product_id, quantity, unit_price)
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::integer[], $4::numeric[])
                """)
            {
                Parameters =
                {
                    new() { Value = _lines.Select(item => item.OrderId).ToArray() },
                    new() { Value = _lines.Select(item => item.Line.ProductId).ToArray() },
                    new() { Value = _lines.Select(item => item.Line.Quantity).ToArray() },
                    new() { Value = _lines.Select(item => item.Line.UnitPrice).ToArray() },
                },
            });
        }

        if (_moves.Count > 0)
        {
            var productIds = _moves.Keys.ToArray();
            // One statement takes every row lock in product order: concurrent runs queue on the first row they share.
            transaction.Write(new("SELECT 1 FROM stock WHERE product_id = ANY($1) ORDER BY product_id FOR UPDATE")
            {
                Parameters = { new() { Value = productIds } },
            });
            transaction.Write(new("""
                UPDATE stock SET available = available + ($2::integer[])[array_position($1::uuid[], product_id)],
                    reserved = reserved + ($3::integer[])[array_position($1::uuid[], product_id)]
                WHERE product_id = ANY($1)
                """)
            {
                Parameters =
                {
                    new() { Value = productIds },
                    new() { Value = _moves.Values.Select(move => move.Available).ToArray() },
                    new() { Value = _moves.Values.Select(move => move.Reserved).ToArray() },
                },
            });
            // Stock is part of a product's representation: its version (the ETag) moves with it.
            transaction.Write(new("UPDATE products SET version = version + 1, updated_at = now() WHERE id = ANY($1)")
            {
                Parameters = { new() { Value = productIds } },
            });
        }
    }
}
