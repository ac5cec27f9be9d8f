using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;
using Store.Payments.Provider;

namespace Store.Payments.Handlers;

/// <summary>An order asks for its payment: ask the provider once, write the ledger, answer authorized or declined.</summary>
internal sealed class AuthorizePayment(SimulatedPaymentProvider provider) : IEventHandler<PaymentRequested>
{
    public async Task HandleAsync(PaymentRequested integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var decided = await context.QueryAsync(
            [
                OrderPaymentLock.Take(integrationEvent.OrderId),
                new("SELECT EXISTS (SELECT 1 FROM payments WHERE order_id = $1) OR EXISTS (SELECT 1 FROM cancelled_orders WHERE order_id = $1)")
                {
                    Parameters = { new() { Value = integrationEvent.OrderId } },
                },
            ],
            async (reader, token) =>
            {
                await reader.NextResultAsync(token); // past the lock's own one-row result
                return await reader.ReadAsync(token) && reader.GetBoolean(0);
            },
            cancellationToken);
        if (decided)
        {
            return; // Decided already, or the order was cancelled first: never charge for it.
        }

        var decision = await provider.AuthorizeAsync(integrationEvent.PaymentToken, cancellationToken);
        var paymentId = Guid.CreateVersion7();
        context.Write(new("""
            WITH payment AS (
                INSERT INTO payments (id, order_id, customer_id, amount, currency, status, decline_reason, provider_reference)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                RETURNING id, order_id, amount, currency)
            INSERT INTO ledger (payment_id, order_id, entry, amount, currency)
            SELECT id, order_id, $9, CASE WHEN $6 = 'authorized' THEN amount ELSE 0 END, currency FROM payment
            """)
        {
            Parameters =
            {
                new() { Value = paymentId },
                new() { Value = integrationEvent.OrderId },
                new() { Value = integrationEvent.CustomerId },
                new() { Value = integrationEvent.Amount },
                new() { Value = integrationEvent.Currency },
                new() { Value = decision.Authorized ? "authorized" : "declined" },
                new() { Value = (object?)decision.DeclineReason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)decision.Reference ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = decision.Authorized ? "authorization" : "decline" },
            },
        });

        if (decision.Authorized)
        {
            context.Publish(new PaymentAuthorized(integrationEvent.OrderId, paymentId, integrationEvent.Amount, integrationEvent.Currency));
        }
        else
        {
            context.Publish(new PaymentDeclined(integrationEvent.OrderId, decision.DeclineReason!));
        }
    }
}
