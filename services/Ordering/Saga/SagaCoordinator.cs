using Microsoft.Extensions.Options;
using Store.Messaging.Outbox;
using Store.Ordering.Orders;

namespace Store.Ordering.Saga;

/// <summary>
/// Runs saga steps: locks the order (<see cref="OrderRepository"/>), asks the rules (<see cref="OrderSaga"/>) and
/// queues what they decided into the caller's transaction. Every saga time comes from this one clock.
/// </summary>
internal sealed class SagaCoordinator(TimeProvider clock, IOptions<SagaOptions> options)
{
    public SagaOptions Options => options.Value;

    /// <summary>Now, to the microsecond Postgres keeps, so that what a step returns equals what a later read shows.</summary>
    public DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }

    /// <summary>Applies <paramref name="input"/> to the order, if there is such an order.</summary>
    public async Task AdvanceAsync(IEventTransaction transaction, Guid orderId, SagaInput input, CancellationToken cancellationToken)
    {
        if (await OrderRepository.LockAsync(transaction, orderId, cancellationToken) is { } state)
        {
            var now = Now();
            OrderRepository.Apply(transaction, orderId, OrderSaga.Decide(state, input, now, Options), now);
        }
    }
}
