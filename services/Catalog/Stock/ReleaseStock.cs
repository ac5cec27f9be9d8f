using Store.Catalog.Caching;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

/// <summary>An order was cancelled: whatever it had reserved goes back on sale (the saga's compensation).</summary>
internal sealed class ReleaseStock(CatalogCache cache) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var released = await StockReservations.ReleaseAsync(context, integrationEvent.OrderId, cancellationToken);
        if (released.Length > 0)
        {
            context.Publish(new StockReleased(integrationEvent.OrderId));
            context.EvictAfterCommit(cache, released);
        }
    }
}
