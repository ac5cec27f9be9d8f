using System.IO.Hashing;
using Store.Analytics.Archive;
using Store.Analytics.Live;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;

namespace Store.Analytics.Purchases;

/// <summary>
/// A confirmed order's lines become purchase events in the archive and the windows, in the inbox transaction: the
/// funnel's last stage, followed by the customer's id.
/// </summary>
internal sealed class RecordPurchases(EventArchive archive, LiveFeed live) : IEventHandler<OrderConfirmed>
{
    public async Task HandleAsync(OrderConfirmed integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var lines = integrationEvent.Lines.Select((line, index) => new ArchivedEvent(
            LineEventId(context.Envelope.EventId, index),
            context.Envelope.OccurredAt,
            EventKind.Purchased,
            $"order:{integrationEvent.OrderId}",
            integrationEvent.CustomerId,
            integrationEvent.CustomerId,
            line.ProductId,
            line.Quantity,
            SearchQuery: null,
            Properties: null)).ToList();
        var changed = await archive.AppendAsync(await context.FlushAsync(cancellationToken), lines, cancellationToken);
        context.OnCommitted(() => live.PublishAsync(changed));
    }

    /// <summary>The same line of the same event always gets the same archive id, whichever replica handles it.</summary>
    private static Guid LineEventId(Guid eventId, int line)
    {
        Span<byte> input = stackalloc byte[20];
        eventId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], line);
        return new Guid(XxHash128.Hash(input));
    }
}
