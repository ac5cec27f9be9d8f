using Store.Catalog.Caching;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;

namespace Store.Catalog.Stock;

/// <summary>Orders were submitted: set each one's lines aside at today's prices, or say why not.</summary>
internal sealed class ReserveStock(CatalogCache cache) : IEventRunHandler<OrderSubmitted>
{
    public async Task HandleRunAsync(IReadOnlyList<RunMessage<OrderSubmitted>> run, CancellationToken cancellationToken)
    {
        var results = await StockReservations.ReserveAsync(run[0].Context, [.. run.Select(message => (message.Event.OrderId, message.Event.Lines))], cancellationToken);
        foreach (var (message, result) in run.Zip(results))
        {
            var (submitted, context) = message;
            switch (result.Status)
            {
                case ReservationStatus.Reserved:
                    context.Publish(new StockReserved(submitted.OrderId, result.Lines, result.Total, result.Currency));
                    break;
                case ReservationStatus.Rejected:
                    context.Publish(new StockRejected(submitted.OrderId, result.Reason, result.RejectedProducts));
                    break;
                case ReservationStatus.AlreadyDecided:
                    break;
            }
        }

        run.EvictAfterCommit(cache, results.Where(result => result.Status == ReservationStatus.Reserved).SelectMany(result => result.Lines).Select(line => line.ProductId));
    }
}
