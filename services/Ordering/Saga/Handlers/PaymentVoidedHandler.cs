using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;

namespace Store.Ordering.Saga.Handlers;

/// <summary>A late authorization of a cancelled order was released: the history shows nothing stayed charged.</summary>
internal sealed class PaymentVoidedHandler : IEventHandler<PaymentVoided>
{
    public async Task HandleAsync(PaymentVoided integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        if (await OrderSaga.LockAsync(context.Transaction, integrationEvent.OrderId, cancellationToken) is { } order)
        {
            await OrderSaga.NoteAsync(context.Transaction, order.OrderId, SagaSteps.PaymentVoided, order.Status, $"payment {integrationEvent.PaymentId}", cancellationToken);
        }
    }
}
