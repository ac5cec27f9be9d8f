using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Analytics;

public sealed class AuditTrailTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"audit-{Guid.NewGuid():N}");
    private readonly HttpClient analytics = store.CreateHttpClient("analytics", TestTokens.Admin);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_audit_history_of_a_confirmed_order_shows_every_saga_step_in_order()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 5));
        var order = await ordering.WaitForFinalAsync((await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, quantity: 2))).Id);
        Assert.Equal("confirmed", order.Status);

        var history = await WaitForHistoryAsync(order.Id, 5);

        Assert.Equal(
            ["ordering.order-submitted", "catalog.stock-reserved", "ordering.payment-requested", "payments.payment-authorized", "ordering.order-confirmed"],
            history.Select(entry => entry.EventType));
        Assert.All(history, entry => Assert.Equal(ordering.Customer, entry.Actor));
        Assert.All(history, entry => Assert.Equal(history[0].EventId, entry.CorrelationId));
        Assert.Null(history[0].CausationId);
        Assert.Equal(history.SkipLast(1).Select(entry => (Guid?)entry.EventId), history.Skip(1).Select(entry => entry.CausationId));
        Assert.Single(history.Select(entry => entry.TraceId).Distinct());
        Assert.Equal(order.Id, history[^1].Payload.GetProperty("orderId").GetGuid());
    }

    [Fact]
    public async Task Orders_handled_together_each_keep_their_own_trace_and_causation_chain()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 20));
        // Placed together, so that each service is likely to handle their events in runs; what holds must hold either way.
        var placed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ordering.PlaceAsync(OrderingApi.NewOrder(product.Id))));

        var traces = new List<string?>();
        foreach (var order in placed)
        {
            Assert.Equal("confirmed", (await ordering.WaitForFinalAsync(order.Id)).Status);
            var history = await WaitForHistoryAsync(order.Id, 5);
            Assert.Equal(history.SkipLast(1).Select(entry => (Guid?)entry.EventId), history.Skip(1).Select(entry => entry.CausationId));
            traces.Add(Assert.Single(history.Select(entry => entry.TraceId).Distinct()));
        }

        Assert.Equal(placed.Length, traces.Distinct().Count());
    }

    [Fact]
    public async Task A_confirmed_order_counts_as_purchases_of_its_products()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 5));
        var order = await ordering.WaitForFinalAsync((await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, quantity: 3))).Id);
        Assert.Equal("confirmed", order.Status);
        var (from, to) = (DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));

        await Eventually.UntilAsync(async () => (await new AnalyticsApi(store).SeriesAsync(product.Id, from, to)).Sum(window => window.Purchases),
            purchases => purchases == 3, "Three purchases counted", AnalyticsApi.SettleTimeout);
    }

    [Fact]
    public async Task Nobody_can_change_or_delete_audit_rows()
    {
        await using var database = new NpgsqlConnection(await store.GetConnectionStringAsync("analyticsdb"));
        await database.OpenAsync(Cancellation);

        foreach (var statement in new[] { "UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            await using var command = new NpgsqlCommand(statement, database);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Cancellation));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("?entity=")]
    [InlineData("?entity=order")]
    [InlineData("?entity=order/1'%20OR%20'1'='1")]
    public async Task An_audit_query_without_a_sound_entity_is_refused(string query)
    {
        using var response = await analytics.GetAsync($"/api/v1/audit{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<List<AuditEntryView>> WaitForHistoryAsync(Guid orderId, int count) =>
        Eventually.UntilAsync(async () => (await analytics.GetFromJsonAsync<List<AuditEntryView>>($"/api/v1/audit?entity=order/{orderId}", Cancellation))!,
            history => history.Count >= count, $"The audit log holding the order's {count} events", AnalyticsApi.SettleTimeout);

    private sealed record AuditEntryView(Guid EventId, string EventType, string Entity, string? Actor, Guid CorrelationId, Guid? CausationId, string? TraceId, JsonElement Payload);
}
