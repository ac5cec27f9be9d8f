using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;

namespace Store.Payments.Handlers;

/// <summary>
/// An order was cancelled: an authorization it holds is voided (the saga's compensation for a late payment), and an
/// order not yet charged is remembered so that a payment request arriving later is refused.
/// </summary>
internal sealed class VoidPayment : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var voided = await context.QueryAsync(
            [
                OrderPaymentLock.Take(integrationEvent.OrderId),
                new("""
                    WITH voided AS (
                        UPDATE payments SET status = 'voided', updated_at = now()
                        WHERE order_id = $1 AND status = 'authorized'
                        RETURNING id, order_id, amount, currency),
                    entry AS (
                        INSERT INTO ledger (payment_id, order_id, entry, amount, currency)
                        SELECT id, order_id, 'void', -amount, currency FROM voided),
                    remembered AS (
                        INSERT INTO cancelled_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING)
                    SELECT id FROM voided
                    """)
                {
                    Parameters = { new() { Value = integrationEvent.OrderId } },
                },
            ],
            async (reader, token) =>
            {
                await reader.NextResultAsync(token); // past the lock's own one-row result
                return await reader.ReadAsync(token) ? reader.GetGuid(0) : (Guid?)null;
            },
            cancellationToken);
        if (voided is { } paymentId)
        {
            context.Publish(new PaymentVoided(integrationEvent.OrderId, paymentId));
        }
    }
}
