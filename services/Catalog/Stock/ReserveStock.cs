using Store.Catalog.Caching;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

/// <summary>An order was submitted: set its lines aside at today's prices, or say why not.</summary>
internal sealed class ReserveStock(CatalogCache cache) : IEventHandler<OrderSubmitted>
{
    public async Task HandleAsync(OrderSubmitted integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var result = await StockReservations.ReserveAsync(context, integrationEvent.OrderId, integrationEvent.Lines, cancellationToken);
        switch (result.Status)
        {
            case ReservationStatus.Reserved:
                context.Publish(new StockReserved(integrationEvent.OrderId, result.Lines, result.Total, result.Currency));
                context.EvictAfterCommit(cache, result.Lines.Select(line => line.ProductId));
                break;
            case ReservationStatus.Rejected:
                context.Publish(new StockRejected(integrationEvent.OrderId, result.Reason, result.RejectedProducts));
                break;
            case ReservationStatus.AlreadyDecided:
                break;
        }
    }
}
