using Npgsql;
using Store.Messaging.Consumers;

namespace Store.Payments.Handlers;

internal static class OrderPaymentLock
{
    /// <summary>
    /// Serializes everything payments does for one order until the handler's transaction ends. A payment request and
    /// its order's cancellation can reach two replicas at once (a group spreads a stream's entries over its
    /// consumers); whichever runs second then sees what the first did: a cancellation waits for an authorization in
    /// progress and voids it, and a request behind a cancellation is refused.
    /// </summary>
    public static async Task TakeAsync(EventContext context, Guid orderId, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))", context.Connection, context.Transaction);
        take.Parameters.Add(new() { Value = orderId.ToString() });
        await take.ExecuteNonQueryAsync(cancellationToken);
    }
}
