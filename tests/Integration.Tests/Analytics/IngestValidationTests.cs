using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Store.Integration.Tests.Analytics;

public sealed class IngestValidationTests(StoreAppFixture store)
{
    private readonly AnalyticsApi analytics = new(store);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_with_one_invalid_event_is_refused_whole_and_nothing_of_it_is_stored()
    {
        var minute = AnalyticsApi.PrivateMinute();
        var product = Guid.NewGuid();
        var valid = AnalyticsApi.View(product, "s-1", minute);
        var invalid = AnalyticsApi.View(product, "s-1", minute) with { Type = "product-liked" };

        using var refused = await analytics.PostAsync(new { events = new[] { valid, invalid } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await JsonDocument.ParseAsync(await refused.Content.ReadAsStreamAsync(Cancellation), cancellationToken: Cancellation);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("events[1].type", out _));

        // A later batch of the same product is counted; had the refused one been appended, it would be counted first.
        var later = AnalyticsApi.View(product, "s-2", minute.AddSeconds(1));
        await analytics.IngestAsync([later]);
        await analytics.WaitForWindowsAsync(AnalyticsApi.Expected([later]), minute, minute.AddMinutes(1));
        await using var database = new NpgsqlConnection(await store.GetConnectionStringAsync("analyticsdb"));
        await database.OpenAsync(Cancellation);
        await using var archived = new NpgsqlCommand("SELECT count(*) FROM raw_events WHERE event_id = $1", database) { Parameters = { new() { Value = valid.Id } } };
        Assert.Equal(0L, await archived.ExecuteScalarAsync(Cancellation));
    }

    public static TheoryData<string, string> HostileBatches()
    {
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        string Event(string fields) => $$"""{"id":"{{Guid.NewGuid()}}","sessionId":"s-1","occurredAt":"{{now}}",{{fields}}}""";
        var view = Event($$"""
            "type":"product-viewed","productId":"{{Guid.NewGuid()}}"
            """);
        return new()
        {
            { "empty batch", """{"events":[]}""" },
            { "no events member", "{}" },
            { "null event", """{"events":[null]}""" },
            { "unknown member", $$"""{"events":[{{view}}],"extra":1}""" },
            { "unknown event member", """{"events":[{"id":"0193f1c2-5b7e-7d4a-9c1e-2f3a4b5c6d7e","type":"product-viewed","admin":true}]}""" },
            { "truncated JSON", """{"events":[{"id":""" },
            { "not JSON", "events=1" },
            { "quantity as text", Event($$"""
                "type":"added-to-cart","productId":"{{Guid.NewGuid()}}","quantity":"2"
                """) },
            { "quantity on a view", Event($$"""
                "type":"product-viewed","productId":"{{Guid.NewGuid()}}","quantity":2
                """) },
            { "huge quantity", Event($$"""
                "type":"added-to-cart","productId":"{{Guid.NewGuid()}}","quantity":100000
                """) },
            { "view without product", Event("\"type\":\"product-viewed\"") },
            { "search without query", Event("\"type\":\"searched\"") },
            { "search naming a product", Event($$"""
                "type":"searched","query":"hat","productId":"{{Guid.NewGuid()}}"
                """) },
            { "SQL in the session id", $$"""{"events":[{"id":"{{Guid.NewGuid()}}","type":"searched","query":"x","sessionId":"'; DROP TABLE raw_events; --","occurredAt":"{{now}}"}]}""" },
            { "event from the future", $$"""{"events":[{"id":"{{Guid.NewGuid()}}","type":"searched","query":"x","sessionId":"s","occurredAt":"2999-01-01T00:00:00Z"}]}""" },
            { "event from long ago", $$"""{"events":[{"id":"{{Guid.NewGuid()}}","type":"searched","query":"x","sessionId":"s","occurredAt":"2020-01-01T00:00:00Z"}]}""" },
            { "empty id", $$"""{"events":[{"id":"00000000-0000-0000-0000-000000000000","type":"searched","query":"x","sessionId":"s","occurredAt":"{{now}}"}]}""" },
            { "same id twice", $$"""{"events":[{{view}},{{view}}]}""" },
            { "too many properties", Event("\"type\":\"searched\",\"query\":\"x\",\"properties\":{" + string.Join(',', Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\"")) + "}") },
            { "property value not text", Event("\"type\":\"searched\",\"query\":\"x\",\"properties\":{\"k\":{\"nested\":1}}") },
            { "too many events", "{\"events\":[" + string.Join(',', Enumerable.Range(0, 501).Select(_ => Event("\"type\":\"searched\",\"query\":\"x\""))) + "]}" },
        };
    }

    [Theory]
    [MemberData(nameof(HostileBatches))]
    public async Task A_hostile_batch_gets_a_problem_and_never_a_server_error(string @case, string body)
    {
        // Asking first, as a client sending a large body should: otherwise the server may answer 413 and close the
        // connection while the body is still being written, and the client sees a broken pipe instead of the answer.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await analytics.Http.SendAsync(request, Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var body = "{\"events\":[{\"id\":\"" + new string('a', 1_100_000) + "\"}]}";

        // Asking first, as a client sending a large body should: otherwise the server may answer 413 and close the
        // connection while the body is still being written, and the client sees a broken pipe instead of the answer.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await analytics.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
