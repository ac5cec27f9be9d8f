using Npgsql;

namespace Store.Payments.Handlers;

internal static class OrderPaymentLock
{
    /// <summary>
    /// Serializes everything payments does for one order until the handler's transaction ends. A payment request and
    /// its order's cancellation can reach two replicas at once (a group spreads a stream's entries over its
    /// consumers); whichever runs second then sees what the first did: a cancellation waits for an authorization in
    /// progress and voids it, and a request behind a cancellation is refused. Put it first in the handler's first
    /// query: what follows it in the batch runs once the lock is held, and sees what the holder committed.
    /// </summary>
    public static NpgsqlBatchCommand Take(Guid orderId) => new("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))")
    {
        Parameters = { new() { Value = orderId.ToString() } },
    };

    /// <summary>
    /// <see cref="Take"/> for several orders, in one statement and in order-id order, so that two runs wanting some of
    /// the same orders queue instead of deadlocking. Yields one row per order.
    /// </summary>
    public static NpgsqlBatchCommand TakeAll(IReadOnlyCollection<Guid> orderIds) => new("""
        SELECT pg_advisory_xact_lock(hashtextextended(id::text, 0))
        FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS id ORDER BY id) AS orders
        """)
    {
        Parameters = { new() { Value = orderIds.ToArray() } },
    };
}
