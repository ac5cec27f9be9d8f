using Npgsql;
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
        await OrderPaymentLock.TakeAsync(context, integrationEvent.OrderId, cancellationToken);
        await using (var seen = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM payments WHERE order_id = $1) OR EXISTS (SELECT 1 FROM cancelled_orders WHERE order_id = $1)
            """, context.Connection, context.Transaction))
        {
            seen.Parameters.Add(new() { Value = integrationEvent.OrderId });
            if ((bool)(await seen.ExecuteScalarAsync(cancellationToken))!)
            {
                return; // Decided already, or the order was cancelled first: never charge for it.
            }
        }

        var decision = await provider.AuthorizeAsync(integrationEvent.PaymentToken, cancellationToken);
        var paymentId = Guid.CreateVersion7();
        await using (var record = new NpgsqlCommand("""
            WITH payment AS (
                INSERT INTO payments (id, order_id, customer_id, amount, currency, status, decline_reason, provider_reference)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                RETURNING id, order_id, amount, currency)
            INSERT INTO ledger (payment_id, order_id, entry, amount, currency)
            SELECT id, order_id, $9, CASE WHEN $6 = 'authorized' THEN amount ELSE 0 END, currency FROM payment
            """, context.Connection, context.Transaction))
        {
            record.Parameters.Add(new() { Value = paymentId });
            record.Parameters.Add(new() { Value = integrationEvent.OrderId });
            record.Parameters.Add(new() { Value = integrationEvent.CustomerId });
            record.Parameters.Add(new() { Value = integrationEvent.Amount });
            record.Parameters.Add(new() { Value = integrationEvent.Currency });
            record.Parameters.Add(new() { Value = decision.Authorized ? "authorized" : "declined" });
            record.Parameters.Add(new() { Value = (object?)decision.DeclineReason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            record.Parameters.Add(new() { Value = (object?)decision.Reference ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            record.Parameters.Add(new() { Value = decision.Authorized ? "authorization" : "decline" });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        if (decision.Authorized)
        {
            await context.PublishAsync(new PaymentAuthorized(integrationEvent.OrderId, paymentId, integrationEvent.Amount, integrationEvent.Currency), cancellationToken);
        }
        else
        {
            await context.PublishAsync(new PaymentDeclined(integrationEvent.OrderId, decision.DeclineReason!), cancellationToken);
        }
    }
}
