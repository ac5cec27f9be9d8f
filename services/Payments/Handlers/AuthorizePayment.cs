using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;
using Store.Payments.Provider;

namespace Store.Payments.Handlers;

/// <summary>
/// Orders ask for their payments: ask the provider once per order (the run's calls at the same time), write the
/// ledger, answer authorized or declined. A run costs one round trip to lock and read, and its writes go with the commit.
/// </summary>
internal sealed class AuthorizePayment(SimulatedPaymentProvider provider) : IEventRunHandler<PaymentRequested>
{
    public async Task HandleRunAsync(IReadOnlyList<RunMessage<PaymentRequested>> run, CancellationToken cancellationToken)
    {
        var orderIds = run.Select(message => message.Event.OrderId).ToArray();
        var decided = await run[0].Context.QueryAsync(
            [
                OrderPaymentLock.TakeAll(orderIds),
                new("SELECT order_id FROM payments WHERE order_id = ANY($1) UNION ALL SELECT order_id FROM cancelled_orders WHERE order_id = ANY($1)")
                {
                    Parameters = { new() { Value = orderIds } },
                },
            ],
            async (reader, token) =>
            {
                await reader.NextResultAsync(token); // past the locks' own rows
                var decided = new HashSet<Guid>();
                while (await reader.ReadAsync(token))
                {
                    decided.Add(reader.GetGuid(0));
                }

                return decided;
            },
            cancellationToken);

        // Decided already, or the order was cancelled first: never charge for it.
        var toCharge = run.Where(message => decided.Add(message.Event.OrderId)).ToArray();
        if (toCharge.Length == 0)
        {
            return;
        }

        var decisions = await Task.WhenAll(toCharge.Select(message => AuthorizeAsync(message, cancellationToken)));
        var payments = new PaymentRows();
        foreach (var (message, decision) in toCharge.Zip(decisions))
        {
            var (requested, context) = message;
            var paymentId = Guid.CreateVersion7();
            payments.Add(paymentId, requested, decision);
            if (decision.Authorized)
            {
                context.Publish(new PaymentAuthorized(requested.OrderId, paymentId, requested.Amount, requested.Currency));
            }
            else
            {
                context.Publish(new PaymentDeclined(requested.OrderId, decision.DeclineReason!));
            }
        }

        payments.Write(run[0].Context);
    }

    private async Task<ProviderDecision> AuthorizeAsync(RunMessage<PaymentRequested> message, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.AuthorizeAsync(message.Event.PaymentToken, cancellationToken);
        }
        catch (ProviderUnavailableException exception)
        {
            throw new MessageFailedInRunException(message.Context, exception);
        }
    }
}
