using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;
using Store.Messaging.Outbox;

namespace Store.Ordering.Saga;

/// <summary>What the catalog and payments report, as inputs of the orders' sagas: a run of them advances in one round trip.</summary>
internal sealed class SagaEvents(SagaCoordinator saga) :
    IEventRunHandler<StockReserved>,
    IEventRunHandler<StockRejected>,
    IEventRunHandler<StockReleased>,
    IEventRunHandler<PaymentAuthorized>,
    IEventRunHandler<PaymentDeclined>,
    IEventRunHandler<PaymentVoided>
{
    public Task HandleRunAsync(IReadOnlyList<RunMessage<StockReserved>> run, CancellationToken cancellationToken) =>
        AdvanceAsync(run, reserved => (reserved.OrderId, new SagaInput.StockReserved(new Pricing(reserved.Lines, reserved.Total, reserved.Currency))), cancellationToken);

    public Task HandleRunAsync(IReadOnlyList<RunMessage<StockRejected>> run, CancellationToken cancellationToken) =>
        AdvanceAsync(run, rejected => (rejected.OrderId, new SagaInput.StockRejected(rejected.Reason)), cancellationToken);

    public Task HandleRunAsync(IReadOnlyList<RunMessage<StockReleased>> run, CancellationToken cancellationToken) =>
        AdvanceAsync(run, released => (released.OrderId, new SagaInput.StockReleased()), cancellationToken);

    public Task HandleRunAsync(IReadOnlyList<RunMessage<PaymentAuthorized>> run, CancellationToken cancellationToken) =>
        AdvanceAsync(run, paid => (paid.OrderId, new SagaInput.PaymentAuthorized(paid.PaymentId, paid.Amount, paid.Currency)), cancellationToken);

    public Task HandleRunAsync(IReadOnlyList<RunMessage<PaymentDeclined>> run, CancellationToken cancellationToken) =>
        AdvanceAsync(run, declined => (declined.OrderId, new SagaInput.PaymentDeclined(declined.Reason)), cancellationToken);

    public Task HandleRunAsync(IReadOnlyList<RunMessage<PaymentVoided>> run, CancellationToken cancellationToken) =>
        AdvanceAsync(run, voided => (voided.OrderId, new SagaInput.PaymentVoided(voided.PaymentId)), cancellationToken);

    private Task AdvanceAsync<TEvent>(IReadOnlyList<RunMessage<TEvent>> run, Func<TEvent, (Guid OrderId, SagaInput Input)> inputOf, CancellationToken cancellationToken) =>
        saga.AdvanceAsync([.. run.Select(message =>
        {
            var (orderId, input) = inputOf(message.Event);
            return ((IEventTransaction)message.Context, orderId, input);
        })], cancellationToken);
}
