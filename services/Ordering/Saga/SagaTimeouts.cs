using Microsoft.Extensions.Options;
using Npgsql;
using Store.Data;
using Store.Messaging.Outbox;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga;

/// <summary>
/// Cancels orders whose current step outlived its deadline, publishing the cancellation so that stock and payments
/// are given back. Replicas share the work: each takes the expired orders the others have not locked.
/// </summary>
internal sealed partial class SagaTimeouts(
    IEventPublisher publisher,
    DatabaseReadiness database,
    IOptions<SagaOptions> options,
    ILogger<SagaTimeouts> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.TimeoutScanInterval);
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
        await using var unit = await publisher.BeginAsync(actor: null, cancellationToken);
        var (connection, transaction) = (unit.Connection, unit.Transaction);
        var expired = new List<SagaState>();
        await using (var query = new NpgsqlCommand("""
            SELECT id, customer_id, status, payment_token FROM orders
            WHERE deadline < now() ORDER BY deadline LIMIT $1 FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            query.Parameters.Add(new() { Value = Batch });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                expired.Add(new SagaState(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        foreach (var order in expired)
        {
            var waitingFor = order.Status == OrderStatus.Submitted ? "stock reservation" : "payment";
            if (await OrderSaga.CancelAsync(transaction, order, SagaSteps.TimedOut, $"No answer in time from {waitingFor}.", cancellationToken) is { } cancelled)
            {
                await unit.PublishAsync(cancelled, cancellationToken);
                LogTimedOut(logger, order.OrderId, waitingFor);
            }
        }

        await unit.CommitAsync(cancellationToken);
        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} timed out waiting for {WaitingFor} and was cancelled")]
    private static partial void LogTimedOut(ILogger logger, Guid orderId, string waitingFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for timed-out orders failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
