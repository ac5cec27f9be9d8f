using System.Net;
using System.Net.Http.Json;
using StackExchange.Redis;
using Store.Integration.Tests.Messaging;

namespace Store.Integration.Tests.Analytics;

public sealed class ClickstreamDeadLetterTests(StoreAppFixture store)
{
    private const string RedriveStream = "clickstream:redrive:analytics";

    private readonly AnalyticsApi analytics = new(store);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_malformed_clickstream_entry_is_listed_with_the_services_dead_letters_and_a_redrive_hands_it_to_the_processor_again()
    {
        var marker = $"not a click event {Guid.NewGuid():N}";
        await using var bus = await EventBusProbe.ConnectAsync(store);
        var entryId = (await bus.Database.StreamAddAsync("clickstream", [new NameValueEntry("event", marker), new NameValueEntry("traceparent", "")])).ToString();

        var deadLetter = await Eventually.FindAsync(
            async () => (await ListAsync()).FirstOrDefault(letter => letter.Stream == "clickstream" && letter.StreamEntryId == entryId),
            $"A dead letter of clickstream entry {entryId}");
        Assert.Equal("The entry is not a click event.", deadLetter.Error);

        using var redrive = await analytics.Admin.PostAsync($"/api/v1/messaging/dead-letters/{deadLetter.Id}/redrive", null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, redrive.StatusCode);

        // Still not an event: the processor, reading the clickstream's redrive stream, gives up on it again.
        var again = await Eventually.FindAsync(async () =>
        {
            foreach (var letter in (await ListAsync()).Where(letter => letter.Stream == RedriveStream))
            {
                var stored = await bus.Database.StreamRangeAsync(ClickstreamDeadLetters.Stream, letter.Id, letter.Id, 1);
                if (stored.Length == 1 && stored[0]["event"] == marker)
                {
                    return letter;
                }
            }

            return null;
        }, "The redriven entry dead-lettered again from the clickstream's redrive stream");
        Assert.NotEqual(deadLetter.Id, again.Id);
        Assert.DoesNotContain(await ListAsync(), letter => letter.Id == deadLetter.Id);
        // The processor writes the dead letter, then acknowledges the redriven entry: the acknowledgement may follow a moment later.
        await Eventually.UntilAsync(
            async () => (await bus.Database.StreamPendingMessagesAsync(RedriveStream, "analytics", 1, RedisValue.Null, again.StreamEntryId, again.StreamEntryId)).Length,
            count => count == 0,
            $"The acknowledgement of redriven entry {again.StreamEntryId}");
    }

    [Fact]
    public async Task A_redriven_clickstream_dead_letter_that_is_a_valid_event_is_counted_once()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var view = AnalyticsApi.View(Guid.NewGuid(), "s-1", minute.AddSeconds(7));
        await using var bus = await EventBusProbe.ConnectAsync(store);

        var id = await ClickstreamDeadLetters.AddAsync(bus.Database, view);
        Assert.Contains(await ListAsync(), letter => letter.Id == id && letter.Stream == "clickstream");

        using var redrive = await analytics.Admin.PostAsync($"/api/v1/messaging/dead-letters/{id}/redrive", null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, redrive.StatusCode);

        await analytics.WaitForWindowsAsync(AnalyticsApi.Expected([view]), minute, minute.AddMinutes(1));
        Assert.DoesNotContain(await ListAsync(), letter => letter.Id == id);
    }

    private async Task<List<DeadLetterView>> ListAsync() =>
        (await analytics.Admin.GetFromJsonAsync<List<DeadLetterView>>("/api/v1/messaging/dead-letters?limit=500", Cancellation))!;

    private sealed record DeadLetterView(string Id, string Stream, string StreamEntryId, int Attempts, string Error);
}
