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

    /// <summary>
    /// Applies each step's input to its order (one step per order), if there is such an order: all the orders locked in
    /// one round trip, each step's writes and events queued through its own message's <see cref="IEventTransaction"/>,
    /// all of them in one transaction.
    /// </summary>
    public async Task AdvanceAsync(IReadOnlyList<(IEventTransaction Message, Guid OrderId, SagaInput Input)> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var states = await OrderRepository.LockAllAsync(steps[0].Message, [.. steps.Select(step => step.OrderId)], cancellationToken);
        var now = Now();
        foreach (var (message, orderId, input) in steps)
        {
            if (states.TryGetValue(orderId, out var state))
            {
                OrderRepository.Apply(message, orderId, OrderSaga.Decide(state, input, now, Options), now);
            }
        }
    }
}
