using System.Text.Json;
using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;

namespace Store.Messaging.Tests;

public sealed class IntegrationEventContractTests
{
    [Fact]
    public void An_event_payload_is_camel_case_JSON_without_its_subject()
    {
        var submitted = new OrderSubmitted(Guid.Parse("7b0a0d6e-0000-7000-8000-000000000001"), "alice", [new OrderLine(Guid.Parse("7b0a0d6e-0000-7000-8000-000000000002"), 2)]);

        var json = JsonSerializer.Serialize(submitted, OrderSubmitted.JsonTypeInfo);

        Assert.Equal("""{"orderId":"7b0a0d6e-0000-7000-8000-000000000001","customerId":"alice","lines":[{"productId":"7b0a0d6e-0000-7000-8000-000000000002","quantity":2}]}""", json);
        Assert.Equal("order/7b0a0d6e-0000-7000-8000-000000000001", submitted.Subject);
    }

    [Fact]
    public void Events_travel_on_their_producers_stream()
    {
        Assert.Equal("events:ordering", StreamNames.ForProducer(OrderSubmitted.Producer));
        Assert.Equal("events:catalog", StreamNames.ForProducer(StockReserved.Producer));
    }
}
