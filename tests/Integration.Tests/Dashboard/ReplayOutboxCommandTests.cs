using Npgsql;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Dashboard;

public sealed class ReplayOutboxCommandTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"replay-command-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_outbox_publishes_the_events_of_the_range_again_and_consumers_ignore_them()
    {
        var product = await catalog.CreateAsync();
        var order = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id));
        var confirmed = await ordering.WaitForFinalAsync(order.Id);
        Assert.Equal("confirmed", confirmed.Status);
        var submitted = await OutboxEntryAsync(order.Id);

        // The range holds the instant of the order's first event and little else.
        var result = await store.RunCommandAsync("ordering", "replay-outbox",
            ("from", OperatorCommands.Instant(submitted.OccurredAt)), ("to", OperatorCommands.Instant(submitted.OccurredAt.AddMilliseconds(1))));

        Assert.Matches(@"^Queued [1-9][\d,]* events? of .+ to .+ to be published again\.$", result.Said());
        await Eventually.UntilAsync(() => OutboxEntryAsync(order.Id), entry => entry.StreamEntryId is not null && entry.StreamEntryId != submitted.StreamEntryId,
            $"The relay publishing order {order.Id}'s first event again");
        var again = await ordering.GetAsync(order.Id);
        Assert.Equal(confirmed.Steps, again!.Steps);
    }

    [Fact]
    public async Task Replay_outbox_refuses_a_range_that_ends_before_it_starts_with_the_services_reason()
    {
        var now = DateTimeOffset.UtcNow;

        var result = await store.RunCommandAsync("ordering", "replay-outbox", ("from", OperatorCommands.Instant(now)), ("to", OperatorCommands.Instant(now.AddHours(-1))));

        Assert.False(result.Success);
        Assert.Equal("ordering answered 400: One or more validation errors occurred. to must be later than from.", result.Message);
    }

    private async Task<OutboxEntry> OutboxEntryAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(await store.GetConnectionStringAsync("orderingdb"));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(
            "SELECT occurred_at, stream_entry_id FROM messaging.outbox WHERE subject = $1 ORDER BY position LIMIT 1", connection)
        {
            Parameters = { new() { Value = $"order/{orderId}" } },
        };
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        Assert.True(await reader.ReadAsync(Cancellation), $"Order {orderId} has no event in the outbox.");
        return new OutboxEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private sealed record OutboxEntry(DateTimeOffset OccurredAt, string? StreamEntryId);
}
