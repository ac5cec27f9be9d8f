using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Payments;
using Store.Messaging.Consumers;

namespace Store.Ordering.Saga;

/// <summary>What the catalog and payments report, as inputs of the order's saga.</summary>
internal sealed class SagaEvents(SagaCoordinator saga) :
    IEventHandler<StockReserved>,
    IEventHandler<StockRejected>,
    IEventHandler<StockReleased>,
    IEventHandler<PaymentAuthorized>,
    IEventHandler<PaymentDeclined>,
    IEventHandler<PaymentVoided>
{
    public Task HandleAsync(StockReserved integrationEvent, EventContext context, CancellationToken cancellationToken) =>
        saga.AdvanceAsync(context, integrationEvent.OrderId,
            new SagaInput.StockReserved(new Pricing(integrationEvent.Lines, integrationEvent.Total, integrationEvent.Currency)), cancellationToken);

    public Task HandleAsync(StockRejected integrationEvent, EventContext context, CancellationToken cancellationToken) =>
        saga.AdvanceAsync(context, integrationEvent.OrderId, new SagaInput.StockRejected(integrationEvent.Reason), cancellationToken);

    public Task HandleAsync(StockReleased integrationEvent, EventContext context, CancellationToken cancellationToken) =>
        saga.AdvanceAsync(context, integrationEvent.OrderId, new SagaInput.StockReleased(), cancellationToken);

    public Task HandleAsync(PaymentAuthorized integrationEvent, EventContext context, CancellationToken cancellationToken) =>
        saga.AdvanceAsync(context, integrationEvent.OrderId,
            new SagaInput.PaymentAuthorized(integrationEvent.PaymentId, integrationEvent.Amount, integrationEvent.Currency), cancellationToken);

    public Task HandleAsync(PaymentDeclined integrationEvent, EventContext context, CancellationToken cancellationToken) =>
        saga.AdvanceAsync(context, integrationEvent.OrderId, new SagaInput.PaymentDeclined(integrationEvent.Reason), cancellationToken);

    public Task HandleAsync(PaymentVoided integrationEvent, EventContext context, CancellationToken cancellationToken) =>
        saga.AdvanceAsync(context, integrationEvent.OrderId, new SagaInput.PaymentVoided(integrationEvent.PaymentId), cancellationToken);
}
