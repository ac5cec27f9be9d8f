using Store.IntegrationEvents.Catalog;
using Store.Messaging.Consumers;

namespace Store.Ordering.Saga.Handlers;

/// <summary>The catalog cannot serve the order: it is cancelled, with nothing to give back.</summary>
internal sealed class StockRejectedHandler : IEventHandler<StockRejected>
{
    public async Task HandleAsync(StockRejected integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        if (await OrderSaga.LockAsync(context.Transaction, integrationEvent.OrderId, cancellationToken) is { } order
            && await OrderSaga.CancelAsync(context.Transaction, order, SagaSteps.StockRejected, integrationEvent.Reason, cancellationToken) is { } cancelled)
        {
            await context.PublishAsync(cancelled, cancellationToken);
        }
    }
}
