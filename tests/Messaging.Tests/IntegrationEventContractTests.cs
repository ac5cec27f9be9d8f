using System.Text.Json;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;

namespace Store.Messaging.Tests;

public sealed class IntegrationEventContractTests
{
    [Fact]
    public void An_event_payload_is_camel_case_JSON_without_its_subject()
    {
        var submitted = new OrderSubmitted(Guid.Parse("7b0a0d6e-0000-7000-8000-000000000001"), "alice", [new OrderLine(Guid.Parse("7b0a0d6e-0000-7000-8000-000000000002"), 2)],
            new DateTimeOffset(2026, 12, 1, 12, 0, 30, TimeSpan.Zero));

        var json = JsonSerializer.Serialize(submitted, OrderSubmitted.JsonTypeInfo);

        Assert.Equal("""{"orderId":"7b0a0d6e-0000-7000-8000-000000000001","customerId":"alice","lines":[{"productId":"7b0a0d6e-0000-7000-8000-000000000002","quantity":2}],"deadline":"2026-12-01T12:00:30+00:00"}""", json);
        Assert.Equal("order/7b0a0d6e-0000-7000-8000-000000000001", submitted.Subject);
    }

    [Fact]
    public void A_request_published_before_deadlines_travelled_reads_as_one_without_a_deadline()
    {
        var requested = JsonSerializer.Deserialize(
            """{"orderId":"7b0a0d6e-0000-7000-8000-000000000001","customerId":"alice","amount":15.00,"currency":"EUR","paymentToken":"tok_approve"}""",
            PaymentRequested.JsonTypeInfo)!;

        Assert.Null(requested.Deadline);
        Assert.IsAssignableFrom<IExpiringEvent>(requested);
    }

    [Fact]
    public void Events_travel_on_their_producers_stream()
    {
        Assert.Equal("events:ordering", StreamNames.ForProducer(OrderSubmitted.Producer));
        Assert.Equal("events:catalog", StreamNames.ForProducer(StockReserved.Producer));
    }
}
