using Store.IntegrationEvents.Catalog;
using Store.Messaging.Consumers;

namespace Store.Ordering.Saga.Handlers;

/// <summary>The compensation is done: the history shows the stock went back.</summary>
internal sealed class StockReleasedHandler : IEventHandler<StockReleased>
{
    public async Task HandleAsync(StockReleased integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        if (await OrderSaga.LockAsync(context.Transaction, integrationEvent.OrderId, cancellationToken) is { } order)
        {
            await OrderSaga.NoteAsync(context.Transaction, order.OrderId, SagaSteps.StockReleased, order.Status, detail: null, cancellationToken);
        }
    }
}
