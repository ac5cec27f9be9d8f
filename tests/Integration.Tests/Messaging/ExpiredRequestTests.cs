using System.Globalization;
using Npgsql;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Messaging;

/// <summary>
/// Requests of the saga that reach the catalog or payments after their deadline, when the saga no longer waits for them:
/// nothing is reserved or charged, and nothing is answered (the saga's own timeout cancels the order). Each comes with
/// the same request in time, which is carried out, so that the test shows the deadline made the difference.
/// </summary>
public sealed class ExpiredRequestTests(StoreAppFixture store)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_catalog_reserves_nothing_for_a_stock_request_past_its_deadline_and_says_nothing()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 10));
        var (late, inTime) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var bus = await EventBusProbe.ConnectAsync(store);

        var lateEntry = await RequestStockAsync(bus, late, product.Id, DateTimeOffset.UtcNow.AddSeconds(-1));
        var inTimeEntry = await RequestStockAsync(bus, inTime, product.Id, DateTimeOffset.UtcNow.AddMinutes(1));
        await bus.WaitUntilAcknowledgedAsync("events:ordering", "catalog", lateEntry, Patience);
        await bus.WaitUntilAcknowledgedAsync("events:ordering", "catalog", inTimeEntry, Patience);

        await catalog.WaitForStockAsync(product.Id, new StockView(8, 2));
        await using var catalogDb = await OpenAsync("catalogdb");
        Assert.Equal(0L, await CountAsync(catalogDb, "SELECT count(*) FROM stock_reservations WHERE order_id = $1", late));
        Assert.Equal(0L, await CountAsync(catalogDb, "SELECT count(*) FROM messaging.outbox WHERE subject = $1", $"order/{late}"));
        Assert.Equal(1L, await CountAsync(catalogDb, "SELECT count(*) FROM messaging.outbox WHERE subject = $1", $"order/{inTime}"));

        // The saga's cancellation of the order in time gives its stock back.
        await CancelAsync(bus, inTime);
        await catalog.WaitForStockAsync(product.Id, new StockView(10, 0));
    }

    [Fact]
    public async Task Payments_does_not_charge_for_a_payment_request_past_its_deadline_and_says_nothing()
    {
        var (late, inTime) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var bus = await EventBusProbe.ConnectAsync(store);

        var lateEntry = await RequestPaymentAsync(bus, late, DateTimeOffset.UtcNow.AddSeconds(-1));
        var inTimeEntry = await RequestPaymentAsync(bus, inTime, DateTimeOffset.UtcNow.AddMinutes(1));
        await bus.WaitUntilAcknowledgedAsync("events:ordering", "payments", lateEntry, Patience);
        await bus.WaitUntilAcknowledgedAsync("events:ordering", "payments", inTimeEntry, Patience);

        await using var paymentsDb = await OpenAsync("paymentsdb");
        Assert.Equal(0L, await CountAsync(paymentsDb, "SELECT count(*) FROM ledger WHERE order_id = $1", late));
        Assert.Equal(0L, await CountAsync(paymentsDb, "SELECT count(*) FROM messaging.outbox WHERE subject = $1", $"order/{late}"));
        Assert.Equal(1L, await CountAsync(paymentsDb, "SELECT count(*) FROM ledger WHERE order_id = $1 AND entry = 'authorization'", inTime));

        await CancelAsync(bus, inTime);
        await Eventually.FindAsync(async () => await CountAsync(paymentsDb, "SELECT count(*) FROM ledger WHERE order_id = $1 AND entry = 'void'", inTime) == 1 ? "voided" : null,
            "The authorization of the cancelled order voided");
    }

    private static Task<StackExchange.Redis.RedisValue> RequestStockAsync(EventBusProbe bus, Guid orderId, Guid productId, DateTimeOffset deadline) =>
        bus.PublishAsync("events:ordering", "ordering.order-submitted", $"order/{orderId}",
            $$"""{"orderId":"{{orderId}}","customerId":"expired-test","lines":[{"productId":"{{productId}}","quantity":2}],"deadline":"{{Iso(deadline)}}"}""");

    private static Task<StackExchange.Redis.RedisValue> RequestPaymentAsync(EventBusProbe bus, Guid orderId, DateTimeOffset deadline) =>
        bus.PublishAsync("events:ordering", "ordering.payment-requested", $"order/{orderId}",
            $$"""{"orderId":"{{orderId}}","customerId":"expired-test","amount":12.50,"currency":"USD","paymentToken":"tok_approve","deadline":"{{Iso(deadline)}}"}""");

    private static Task<StackExchange.Redis.RedisValue> CancelAsync(EventBusProbe bus, Guid orderId) =>
        bus.PublishAsync("events:ordering", "ordering.order-cancelled", $"order/{orderId}",
            $$"""{"orderId":"{{orderId}}","customerId":"expired-test","reason":"No answer in time from payment."}""");

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(await store.GetConnectionStringAsync(database));
        await connection.OpenAsync(Cancellation);
        return connection;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, object value)
    {
        await using var count = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return (long)(await count.ExecuteScalarAsync(Cancellation))!;
    }
}
