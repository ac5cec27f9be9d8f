using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Messaging;

public sealed class DeadLetterTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"dlq-{Guid.NewGuid():N}");
    private readonly HttpClient payments = store.CreateHttpClient("payments", TestTokens.Admin);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_handler_failing_every_attempt_dead_letters_the_message_and_a_redrive_handles_it_once()
    {
        var product = await catalog.CreateAsync();
        // The provider is down for five calls: one more than the four retries after the first attempt.
        var token = $"tok_fail_5_{Guid.NewGuid():N}";
        var order = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, paymentToken: token));

        var deadLetter = await WaitForDeadLetterAsync($"order/{order.Id}");
        Assert.Equal("ordering.payment-requested", deadLetter.EventType);
        Assert.Equal("events:ordering", deadLetter.Stream);
        Assert.Equal(5, deadLetter.Attempts);
        Assert.StartsWith("ProviderUnavailableException: ", deadLetter.Error, StringComparison.Ordinal);
        Assert.Equal("awaiting-payment", (await ordering.GetAsync(order.Id))!.Status);

        using var redrive = await payments.PostAsync($"/api/v1/messaging/dead-letters/{deadLetter.Id}/redrive", null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, redrive.StatusCode);

        Assert.Equal("confirmed", (await ordering.WaitForFinalAsync(order.Id)).Status);
        Assert.DoesNotContain(await ListAsync(), letter => letter.Id == deadLetter.Id);
        await using var connection = new NpgsqlConnection(await store.GetConnectionStringAsync("paymentsdb"));
        await connection.OpenAsync(Cancellation);
        await using var ledger = new NpgsqlCommand("SELECT entry FROM ledger WHERE order_id = $1", connection) { Parameters = { new() { Value = order.Id } } };
        Assert.Equal("authorization", await ledger.ExecuteScalarAsync(Cancellation));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM ledger WHERE order_id = $1", connection) { Parameters = { new() { Value = order.Id } } };
        Assert.Equal(1L, await count.ExecuteScalarAsync(Cancellation));
    }

    [Fact]
    public async Task A_payment_failing_among_others_handled_together_is_tried_exactly_five_times_and_the_others_confirm()
    {
        var product = await catalog.CreateAsync();
        var token = $"tok_fail_5_{Guid.NewGuid():N}";
        // Placed together, so that payments is likely to take them in one run; what holds must hold either way.
        var placed = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, paymentToken: i == 3 ? token : "tok_approve"))));
        var failing = placed[3];

        var deadLetter = await WaitForDeadLetterAsync($"order/{failing.Id}");
        Assert.Equal(5, deadLetter.Attempts);
        Assert.StartsWith("ProviderUnavailableException: ", deadLetter.Error, StringComparison.Ordinal);
        foreach (var order in placed.Where(order => order.Id != failing.Id))
        {
            Assert.Equal("confirmed", (await ordering.WaitForFinalAsync(order.Id)).Status);
        }

        await using var connection = new NpgsqlConnection(await store.GetConnectionStringAsync("paymentsdb"));
        await connection.OpenAsync(Cancellation);
        await using var calls = new NpgsqlCommand("SELECT calls FROM simulated_provider_calls WHERE token = $1", connection) { Parameters = { new() { Value = token } } };
        Assert.Equal(5, await calls.ExecuteScalarAsync(Cancellation));
    }

    [Fact]
    public async Task Redriving_an_unknown_dead_letter_is_404_and_a_malformed_id_is_400()
    {
        using var unknown = await payments.PostAsync("/api/v1/messaging/dead-letters/1-1/redrive", null, Cancellation);
        using var malformed = await payments.PostAsync("/api/v1/messaging/dead-letters/not-an-id/redrive", null, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    private Task<DeadLetterView> WaitForDeadLetterAsync(string subject) =>
        Eventually.FindAsync(async () => (await ListAsync()).FirstOrDefault(letter => letter.Subject == subject), $"A dead letter about {subject}");

    private async Task<List<DeadLetterView>> ListAsync() =>
        (await payments.GetFromJsonAsync<List<DeadLetterView>>("/api/v1/messaging/dead-letters?limit=500", Cancellation))!;

    private sealed record DeadLetterView(string Id, Guid? EventId, string? EventType, string? Subject, string Stream, string StreamEntryId, int Attempts, string Error);
}
