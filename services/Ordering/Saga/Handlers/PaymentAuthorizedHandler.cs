using Npgsql;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga.Handlers;

/// <summary>Paid: the order is confirmed and the catalog may count its stock as sold.</summary>
internal sealed class PaymentAuthorizedHandler : IEventHandler<PaymentAuthorized>
{
    public async Task HandleAsync(PaymentAuthorized integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var order = await OrderSaga.LockAsync(context.Transaction, integrationEvent.OrderId, cancellationToken);
        if (order is not { Status: OrderStatus.AwaitingPayment })
        {
            return; // Cancelled meanwhile: payments voids the authorization when it sees the cancellation.
        }

        await OrderSaga.MoveAsync(context.Transaction, order.OrderId, OrderStatus.Confirmed, SagaSteps.PaymentAuthorized,
            $"payment {integrationEvent.PaymentId}", deadlineIn: null, cancellationToken);

        var lines = new List<PricedLine>();
        await using (var query = new NpgsqlCommand(
            "SELECT product_id, coalesce(name, ''), quantity, coalesce(unit_price, 0) FROM order_lines WHERE order_id = $1 ORDER BY product_id",
            context.Connection, context.Transaction))
        {
            query.Parameters.Add(new() { Value = order.OrderId });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(new PricedLine(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetDecimal(3)));
            }
        }

        await context.PublishAsync(
            new OrderConfirmed(order.OrderId, order.CustomerId, lines, integrationEvent.Amount, integrationEvent.Currency), cancellationToken);
    }
}
