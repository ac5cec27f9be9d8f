using Store.Catalog.Caching;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

/// <summary>Orders were cancelled: whatever each had reserved goes back on sale (the saga's compensation).</summary>
internal sealed class ReleaseStock(CatalogCache cache) : IEventRunHandler<OrderCancelled>
{
    public async Task HandleRunAsync(IReadOnlyList<RunMessage<OrderCancelled>> run, CancellationToken cancellationToken)
    {
        var released = await StockReservations.ReleaseAsync(run[0].Context, [.. run.Select(message => message.Event.OrderId)], cancellationToken);
        foreach (var ((cancelled, context), products) in run.Zip(released))
        {
            if (products.Length > 0)
            {
                context.Publish(new StockReleased(cancelled.OrderId));
            }
        }

        run.EvictAfterCommit(cache, released.SelectMany(products => products));
    }
}
