using Store.IntegrationEvents.Catalog;

namespace Store.Ordering.Saga;

/// <summary>Everything that can happen to an order once it is placed: the saga's inputs.</summary>
internal abstract record SagaInput
{
    private SagaInput()
    {
    }

    /// <summary>The catalog set every line aside at these prices.</summary>
    public sealed record StockReserved(Pricing Pricing) : SagaInput;

    public sealed record StockRejected(string Reason) : SagaInput;

    public sealed record PaymentAuthorized(Guid PaymentId, decimal Amount, string Currency) : SagaInput;

    public sealed record PaymentDeclined(string Reason) : SagaInput;

    /// <summary>The catalog gave back the stock of a cancelled order.</summary>
    public sealed record StockReleased : SagaInput;

    /// <summary>Payments voided an authorization that arrived after the order was cancelled.</summary>
    public sealed record PaymentVoided(Guid PaymentId) : SagaInput;

    public sealed record CancelledByCustomer : SagaInput;

    /// <summary>
    /// The timeout scan: the saga has finished with every answer given before <paramref name="HeardUntil"/> (now, less
    /// how far its own consumer is behind), so an order whose deadline lies before then got no answer in time.
    /// </summary>
    public sealed record DeadlinePassed(DateTimeOffset HeardUntil) : SagaInput;
}

/// <summary>The prices the catalog reserved the lines at.</summary>
internal sealed record Pricing(IReadOnlyList<PricedLine> Lines, decimal Total, string Currency);
