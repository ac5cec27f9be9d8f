using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga.Handlers;

/// <summary>Not paid: the order is cancelled and its cancellation makes the catalog release the stock.</summary>
internal sealed class PaymentDeclinedHandler : IEventHandler<PaymentDeclined>
{
    public async Task HandleAsync(PaymentDeclined integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        if (await OrderSaga.LockAsync(context.Transaction, integrationEvent.OrderId, cancellationToken) is { Status: OrderStatus.AwaitingPayment } order
            && await OrderSaga.CancelAsync(context.Transaction, order, SagaSteps.PaymentDeclined, integrationEvent.Reason, cancellationToken) is { } cancelled)
        {
            await context.PublishAsync(cancelled, cancellationToken);
        }
    }
}
