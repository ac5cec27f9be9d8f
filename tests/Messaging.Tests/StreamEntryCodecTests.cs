using StackExchange.Redis;

namespace Store.Messaging.Tests;

public sealed class StreamEntryCodecTests
{
    private static readonly EventEnvelope Envelope = new(
        Guid.CreateVersion7(), "ordering.order-submitted", "order/42", new DateTimeOffset(2026, 11, 28, 10, 0, 0, 123, TimeSpan.Zero),
        Guid.CreateVersion7(), Guid.CreateVersion7(), "customer-7", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=1", """{"orderId":"42"}""");

    [Fact]
    public void An_envelope_survives_the_round_trip_through_stream_fields()
    {
        Assert.True(StreamEntryCodec.TryDecode(StreamEntryCodec.Encode(Envelope), out var decoded));
        Assert.Equal(Envelope, decoded);
    }

    [Fact]
    public void Optional_causation_actor_and_trace_context_may_be_absent()
    {
        var minimal = Envelope with { CausationId = null, Actor = null, TraceParent = null, TraceState = null };

        var fields = StreamEntryCodec.Encode(minimal);

        Assert.DoesNotContain(fields, field => field.Name == StreamEntryCodec.CausationId || field.Name == StreamEntryCodec.Actor || field.Name == StreamEntryCodec.TraceParent);
        Assert.True(StreamEntryCodec.TryDecode(fields, out var decoded));
        Assert.Equal(minimal, decoded);
    }

    [Theory]
    [InlineData(StreamEntryCodec.EventId)]
    [InlineData(StreamEntryCodec.Type)]
    [InlineData(StreamEntryCodec.OccurredAt)]
    [InlineData(StreamEntryCodec.CorrelationId)]
    [InlineData(StreamEntryCodec.Payload)]
    public void An_entry_missing_a_required_field_is_not_an_envelope(string missing)
    {
        var fields = StreamEntryCodec.Encode(Envelope).Where(field => field.Name != missing).ToArray();

        Assert.False(StreamEntryCodec.TryDecode(fields, out _));
    }

    [Fact]
    public void An_entry_with_a_malformed_id_is_not_an_envelope()
    {
        var fields = StreamEntryCodec.Encode(Envelope)
            .Select(field => field.Name == StreamEntryCodec.CausationId ? new NameValueEntry(field.Name, "not-a-guid") : field)
            .ToArray();

        Assert.False(StreamEntryCodec.TryDecode(fields, out _));
    }
}
