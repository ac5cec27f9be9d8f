using System.Net.Http.Json;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Dashboard;

public sealed class RedriveDeadLettersCommandTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"redrive-command-{Guid.NewGuid():N}");
    private readonly HttpClient payments = store.CreateHttpClient("payments", TestTokens.Admin);

    [Fact]
    public async Task Redrive_dead_letters_with_an_id_sends_that_dead_letter_back_to_its_handler_and_says_how_many()
    {
        var product = await catalog.CreateAsync();
        // The provider is down for five calls: one more than the handler's attempts.
        var order = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, paymentToken: $"tok_fail_5_{Guid.NewGuid():N}"));
        var deadLetter = await Eventually.FindAsync(
            async () => (await ListAsync()).FirstOrDefault(letter => letter.Subject == $"order/{order.Id}"), $"A dead letter about order {order.Id}");

        var result = await store.RunCommandAsync("payments", "redrive-dead-letters", ("ids", deadLetter.Id));

        Assert.Equal("Redrove 1 dead letter.", result.Said());
        Assert.Equal("confirmed", (await ordering.WaitForFinalAsync(order.Id)).Status);
        Assert.DoesNotContain(await ListAsync(), letter => letter.Id == deadLetter.Id);
    }

    [Fact]
    public async Task Redrive_dead_letters_names_the_ids_it_did_not_find()
    {
        var result = await store.RunCommandAsync("payments", "redrive-dead-letters", ("ids", "1-1, 2-2"));

        Assert.Equal("Redrove 0 dead letters. Not found: 1-1, 2-2.", result.Said());
    }

    [Fact]
    public async Task Redrive_dead_letters_refuses_a_malformed_id_with_the_services_reason()
    {
        var result = await store.RunCommandAsync("payments", "redrive-dead-letters", ("ids", "not-an-id"));

        Assert.False(result.Success);
        Assert.StartsWith("payments answered 400", result.Message, StringComparison.Ordinal);
        Assert.Contains("stream entry id", result.Message, StringComparison.Ordinal);
    }

    private async Task<List<DeadLetterView>> ListAsync() =>
        (await payments.GetFromJsonAsync<List<DeadLetterView>>("/api/v1/messaging/dead-letters?limit=500", TestContext.Current.CancellationToken))!;

    private sealed record DeadLetterView(string Id, string? Subject);
}
