using Store.Catalog.Caching;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

/// <summary>An order was confirmed: its reserved units are sold.</summary>
internal sealed class CommitStock(CatalogCache cache) : IEventHandler<OrderConfirmed>
{
    public async Task HandleAsync(OrderConfirmed integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var committed = await StockReservations.CommitAsync(context, integrationEvent.OrderId, cancellationToken);
        context.EvictAfterCommit(cache, committed);
    }
}
