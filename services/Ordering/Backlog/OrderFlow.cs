using Store.IntegrationEvents;
using Store.Messaging;

namespace Store.Ordering.Backlog;

/// <summary>The queues an order passes through on the bus: each stream of the saga and the consumer group that reads it.</summary>
internal static class OrderFlow
{
    /// <summary>The requests to the catalog (reserve, release, sell stock).</summary>
    public static readonly Hop ToCatalog = new(StreamNames.ForProducer(Producers.Ordering), Producers.Catalog);

    /// <summary>The requests to payments (authorize, void).</summary>
    public static readonly Hop ToPayments = new(StreamNames.ForProducer(Producers.Ordering), Producers.Payments);

    /// <summary>The catalog's answers, which the saga reads.</summary>
    public static readonly Hop FromCatalog = new(StreamNames.ForProducer(Producers.Catalog), Producers.Ordering);

    /// <summary>Payments' answers, which the saga reads.</summary>
    public static readonly Hop FromPayments = new(StreamNames.ForProducer(Producers.Payments), Producers.Ordering);

    public static IReadOnlyList<Hop> Hops { get; } = [ToCatalog, ToPayments, FromCatalog, FromPayments];

    /// <summary>A stream and the group (a service's name) that must read it for an order to move on.</summary>
    internal sealed record Hop(string Stream, string Group)
    {
        /// <summary>The saga's own inputs: the answers it reads.</summary>
        public bool IsSagaInput => Group == Producers.Ordering;
    }
}
