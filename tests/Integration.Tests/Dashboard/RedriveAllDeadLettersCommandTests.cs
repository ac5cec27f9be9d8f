using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using Store.Integration.Tests.Analytics;
using Store.Integration.Tests.Messaging;

namespace Store.Integration.Tests.Dashboard;

/// <summary>Redriving all of a service's dead letters takes those of other tests too: it runs alone.</summary>
[Collection(DisruptiveTests.Name)]
public sealed class RedriveAllDeadLettersCommandTests(StoreAppFixture store)
{
    private const string DeadLetterStream = "events:dead-letter:analytics";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly AnalyticsApi analytics = new(store);

    [Fact]
    public async Task Redrive_dead_letters_without_ids_sends_back_every_dead_letter_and_counts_them()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var view = AnalyticsApi.View(Guid.NewGuid(), "s-1", minute.AddSeconds(7));
        await using var bus = await EventBusProbe.ConnectAsync(store);
        // A click event the processor once gave up on, as a clickstream dead letter.
        var id = (await bus.Database.StreamAddAsync(DeadLetterStream,
        [
            new NameValueEntry("event", JsonSerializer.Serialize(view, Web)),
            new NameValueEntry("traceparent", ""),
            new NameValueEntry("dead-letter.stream", "clickstream"),
            new NameValueEntry("dead-letter.entry-id", "1-0"),
            new NameValueEntry("dead-letter.attempts", "5"),
            new NameValueEntry("dead-letter.error", "The archive was away."),
            new NameValueEntry("dead-letter.at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
        ])).ToString();
        var waiting = await ListAsync();
        Assert.Contains(waiting, letter => letter.Id == id);

        var result = await store.RunCommandAsync("analytics", "redrive-dead-letters");

        Assert.Equal($"Redrove {waiting.Count} dead letter{(waiting.Count == 1 ? "" : "s")}.", result.Said());
        await analytics.WaitForWindowsAsync(AnalyticsApi.Expected([view]), minute, minute.AddMinutes(1));
        Assert.DoesNotContain(await ListAsync(), letter => waiting.Any(redriven => redriven.Id == letter.Id));
    }

    private async Task<List<DeadLetterView>> ListAsync() =>
        (await analytics.Admin.GetFromJsonAsync<List<DeadLetterView>>("/api/v1/messaging/dead-letters?limit=500", TestContext.Current.CancellationToken))!;

    private sealed record DeadLetterView(string Id);
}
