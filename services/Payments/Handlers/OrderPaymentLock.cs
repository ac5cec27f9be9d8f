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
}
