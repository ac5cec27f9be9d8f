using Store.Data;
using Store.Messaging.Outbox;
using Store.Ordering.Backlog;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga;

/// <summary>
/// Cancels orders whose current step outlived its deadline, publishing the cancellation so that stock and payments
/// are given back. A deadline counts as passed once the saga has finished with every answer given before it
/// (<see cref="OrderFlowBacklog.HeardUntil"/>): an answer that came in time but waits in the saga's own queue — its
/// consumer behind, or just restarted — is read, not overtaken by a timeout. Replicas share the work: each takes the
/// expired orders the others have not locked.
/// </summary>
internal sealed partial class SagaTimeouts(
    IEventPublisher publisher,
    SagaCoordinator saga,
    OrderFlowBacklog backlog,
    DatabaseReadiness database,
    ILogger<SagaTimeouts> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(saga.Options.TimeoutScanInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    while (await CancelExpiredAsync(stoppingToken) == Batch)
                    {
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<int> CancelExpiredAsync(CancellationToken cancellationToken)
    {
        if (backlog.HeardUntil is not { } heardUntil)
        {
            return 0;
        }

        await using var transaction = await publisher.BeginAsync(actor: null, cancellationToken);
        var now = saga.Now();
        var expired = await OrderRepository.LockExpiredAsync(transaction, heardUntil, Batch, cancellationToken);
        foreach (var order in expired)
        {
            var transition = OrderSaga.Decide(order, new SagaInput.DeadlinePassed(heardUntil), now, saga.Options);
            OrderRepository.Apply(transaction, order.OrderId, transition, now);
            if (transition.Change == SagaChange.Move)
            {
                LogTimedOut(logger, order.OrderId, transition.CancellationReason);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was cancelled: {Reason}")]
    private static partial void LogTimedOut(ILogger logger, Guid orderId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for timed-out orders failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
