using Store.IntegrationEvents.Ordering;
using Store.Messaging.Outbox;
using Store.Payments.Provider;

namespace Store.Payments.Handlers;

/// <summary>The payments a run decided, written with their ledger entries in one statement.</summary>
internal sealed class PaymentRows
{
    private readonly List<(Guid PaymentId, PaymentRequested Request, ProviderDecision Decision)> _rows = [];

    public void Add(Guid paymentId, PaymentRequested request, ProviderDecision decision) => _rows.Add((paymentId, request, decision));

    /// <summary>Queues the writes in <paramref name="transaction"/>; they travel with its commit.</summary>
    public void Write(IEventTransaction transaction) => transaction.Write(new("""
        WITH payment AS (
            INSERT INTO payments (id, order_id, customer_id, amount, currency, status, decline_reason, provider_reference)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::text[])
            RETURNING id, order_id, amount, currency, status)
        INSERT INTO ledger (payment_id, order_id, entry, amount, currency)
        SELECT id, order_id, CASE WHEN status = 'authorized' THEN 'authorization' ELSE 'decline' END,
               CASE WHEN status = 'authorized' THEN amount ELSE 0 END, currency
        FROM payment
        """)
    {
        Parameters =
        {
            new() { Value = _rows.Select(row => row.PaymentId).ToArray() },
            new() { Value = _rows.Select(row => row.Request.OrderId).ToArray() },
            new() { Value = _rows.Select(row => row.Request.CustomerId).ToArray() },
            new() { Value = _rows.Select(row => row.Request.Amount).ToArray() },
            new() { Value = _rows.Select(row => row.Request.Currency).ToArray() },
            new() { Value = _rows.Select(row => row.Decision.Authorized ? "authorized" : "declined").ToArray() },
            new() { Value = _rows.Select(row => row.Decision.DeclineReason).ToArray() },
            new() { Value = _rows.Select(row => row.Decision.Reference).ToArray() },
        },
    });
}
