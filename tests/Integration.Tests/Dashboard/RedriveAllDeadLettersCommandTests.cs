using System.Net.Http.Json;
using Store.Integration.Tests.Analytics;
using Store.Integration.Tests.Messaging;

namespace Store.Integration.Tests.Dashboard;

/// <summary>Redriving all of a service's dead letters takes those of other tests too: it runs alone.</summary>
[Collection(DisruptiveTests.Name)]
public sealed class RedriveAllDeadLettersCommandTests(StoreAppFixture store)
{
    private readonly AnalyticsApi analytics = new(store);

    [Fact]
    public async Task Redrive_dead_letters_without_ids_sends_back_every_dead_letter_and_counts_them()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var view = AnalyticsApi.View(Guid.NewGuid(), "s-1", minute.AddSeconds(7));
        await using var bus = await EventBusProbe.ConnectAsync(store);
        var id = await ClickstreamDeadLetters.AddAsync(bus.Database, view);
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
