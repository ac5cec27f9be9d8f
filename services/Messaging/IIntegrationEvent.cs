using System.Text.Json.Serialization.Metadata;

namespace Store.Messaging;

/// <summary>An event one service publishes for others: a fact, named in the past tense, immutable once written.</summary>
public interface IIntegrationEvent<TSelf> where TSelf : IIntegrationEvent<TSelf>
{
    /// <summary>The stable name on the wire, for example <c>ordering.order-submitted</c>.</summary>
    static abstract string EventType { get; }

    /// <summary>The service that publishes it. A producer's events share one stream, so consumers see them in commit order.</summary>
    static abstract string Producer { get; }

    /// <summary>The source-generated serializer of its JSON payload.</summary>
    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }

    /// <summary>The entity it is about, for example <c>order/5f0c…</c>.</summary>
    string Subject { get; }
}
