using Store.Catalog.Caching;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

/// <summary>Orders were confirmed: their reserved units are sold.</summary>
internal sealed class CommitStock(CatalogCache cache) : IEventRunHandler<OrderConfirmed>
{
    public async Task HandleRunAsync(IReadOnlyList<RunMessage<OrderConfirmed>> run, CancellationToken cancellationToken)
    {
        var committed = await StockReservations.CommitAsync(run[0].Context, [.. run.Select(message => message.Event.OrderId)], cancellationToken);
        run.EvictAfterCommit(cache, committed.SelectMany(products => products));
    }
}
