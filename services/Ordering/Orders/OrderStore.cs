using Npgsql;
using Store.IntegrationEvents.Ordering;
using Store.Messaging.Outbox;
using Store.Ordering.Saga;

namespace Store.Ordering.Orders;

/// <summary>What customers do to orders: place one (the saga's first step) and cancel one (a saga input).</summary>
internal sealed class OrderStore(IEventPublisher publisher, SagaCoordinator saga, OrderReads reads)
{
    /// <summary>
    /// Places the order and publishes <see cref="OrderSubmitted"/> in one round trip, and answers with what it committed:
    /// once the commit succeeded, nothing can turn the answer into "not created".
    /// </summary>
    public async Task<(PlaceOrderOutcome Outcome, Order? Order)> PlaceAsync(
        string customerId, string idempotencyKey, PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var now = saga.Now();
        var lines = request.Lines!.Select(line => new OrderLine(line.ProductId!.Value, line.Quantity!.Value))
            .OrderBy(line => line.ProductId.ToString(), StringComparer.Ordinal) // Postgres's order of uuids
            .ToArray();
        var order = new NewOrder(Guid.CreateVersion7(), customerId, request.PaymentToken!, idempotencyKey, request.Fingerprint(), lines);
        var start = OrderSaga.Begin(order.Id, customerId, lines, now, saga.Options);
        try
        {
            await using var transaction = await publisher.BeginAsync(customerId, cancellationToken);
            OrderRepository.Insert(transaction, order, start, now);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OrderRepository.IdempotencyKeyIndex })
        {
            // The key was used before (a concurrent request with it waited on the index until the first committed).
            return await reads.FindByKeyAsync(customerId, idempotencyKey, cancellationToken) switch
            {
                { } placed when placed.RequestHash.AsSpan().SequenceEqual(order.RequestHash) =>
                    (PlaceOrderOutcome.Replayed, await reads.FindAsync(placed.OrderId, customerId, cancellationToken)),
                { } => (PlaceOrderOutcome.KeyReused, null),
                null => throw new InvalidOperationException("An order with this key conflicted on insert and then vanished."),
            };
        }

        return (PlaceOrderOutcome.Created, new Order(order.Id, customerId, start.Status,
            [.. lines.Select(line => new OrderLineView(line.ProductId, line.Quantity, null, null))], null, null, null, start.Deadline, now, now,
            [new OrderStep(1, start.Entry!.Step, start.Status, start.Entry.Detail, now)]));
    }

    /// <summary>Cancels the customer's order unless it is confirmed; cancelling a cancelled order changes nothing.</summary>
    public async Task<(CancelOrderOutcome Outcome, Order? Order)> CancelAsync(Guid orderId, string customerId, CancellationToken cancellationToken)
    {
        await using (var transaction = await publisher.BeginAsync(customerId, cancellationToken))
        {
            // Someone else's order is locked for the moment it takes to see so, and left as it was.
            if (await OrderRepository.LockAsync(transaction, orderId, cancellationToken) is not { } state || state.CustomerId != customerId)
            {
                return (CancelOrderOutcome.NotFound, null);
            }

            var now = saga.Now();
            var transition = OrderSaga.Decide(state, new SagaInput.CancelledByCustomer(), now, saga.Options);
            if (transition.Status == OrderStatus.Confirmed)
            {
                return (CancelOrderOutcome.AlreadyConfirmed, await reads.FindAsync(orderId, customerId, cancellationToken));
            }

            OrderRepository.Apply(transaction, orderId, transition, now);
            await transaction.CommitAsync(cancellationToken);
        }

        return (CancelOrderOutcome.Cancelled, await reads.FindAsync(orderId, customerId, cancellationToken));
    }
}
