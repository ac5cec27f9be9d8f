using Microsoft.Extensions.Options;
using Npgsql;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Consumers;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga.Handlers;

/// <summary>Stock is set aside: record the prices and ask for the payment.</summary>
internal sealed class StockReservedHandler(IOptions<SagaOptions> options) : IEventHandler<StockReserved>
{
    public async Task HandleAsync(StockReserved integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var order = await OrderSaga.LockAsync(context.Transaction, integrationEvent.OrderId, cancellationToken);
        if (order is not { Status: OrderStatus.Submitted })
        {
            return; // Cancelled meanwhile: the catalog releases the stock when it sees the cancellation.
        }

        await using (var price = new NpgsqlCommand("""
            WITH priced AS (
                UPDATE order_lines o SET name = l.name, unit_price = l.unit_price
                FROM unnest($2::uuid[], $3::text[], $4::numeric[]) AS l(product_id, name, unit_price)
                WHERE o.order_id = $1 AND o.product_id = l.product_id)
            UPDATE orders SET total = $5, currency = $6 WHERE id = $1
            """, context.Connection, context.Transaction))
        {
            price.Parameters.Add(new() { Value = order.OrderId });
            price.Parameters.Add(new() { Value = integrationEvent.Lines.Select(line => line.ProductId).ToArray() });
            price.Parameters.Add(new() { Value = integrationEvent.Lines.Select(line => line.Name).ToArray() });
            price.Parameters.Add(new() { Value = integrationEvent.Lines.Select(line => line.UnitPrice).ToArray() });
            price.Parameters.Add(new() { Value = integrationEvent.Total });
            price.Parameters.Add(new() { Value = integrationEvent.Currency });
            await price.ExecuteNonQueryAsync(cancellationToken);
        }

        await OrderSaga.MoveAsync(context.Transaction, order.OrderId, OrderStatus.AwaitingPayment, SagaSteps.StockReserved,
            $"{integrationEvent.Total:0.00} {integrationEvent.Currency}", options.Value.PaymentTimeout, cancellationToken);
        await context.PublishAsync(
            new PaymentRequested(order.OrderId, order.CustomerId, integrationEvent.Total, integrationEvent.Currency, order.PaymentToken), cancellationToken);
    }
}
