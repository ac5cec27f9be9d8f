using Npgsql;
using Store.Integration.Tests.Messaging;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Catalog;

/// <summary>
/// The catalog decides a run of reservations on stock it read without locking, and only locks the stock rows when it
/// commits. Here someone else takes the stock between that read and that commit: the stock's CHECK refuses the run's
/// commit, and each order is decided again alone, on the stock as it is then: nothing is oversold.
/// </summary>
public sealed class StockRaceTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_decided_together_on_stock_taken_meanwhile_are_decided_again_alone_and_nothing_is_oversold()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 5));
        Guid[] orders = [Guid.CreateVersion7(), Guid.CreateVersion7()];
        await using var catalogDb = new NpgsqlConnection(await store.GetConnectionStringAsync("catalogdb"));
        await catalogDb.OpenAsync(Cancellation);
        await using var bus = await EventBusProbe.ConnectAsync(store);

        // Another writer takes 4 of the 5 units and holds the row until it commits.
        await using (var taker = await catalogDb.BeginTransactionAsync(Cancellation))
        {
            await ExecuteAsync(catalogDb, "UPDATE stock SET available = available - 4 WHERE product_id = $1", product.Id);

            // Both orders, one unit each, reach the catalog in one read: on the 5 units it can see they both fit.
            var entries = await bus.PublishTogetherAsync("events:ordering", [.. orders.Select(order => (
                "ordering.order-submitted", $"order/{order}",
                $$"""{"orderId":"{{order}}","customerId":"stock-race","lines":[{"productId":"{{product.Id}}","quantity":1}]}"""))]);
            await Eventually.UntilAsync(() => CountAsync(catalogDb,
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"),
                waiting => waiting > 0, "the catalog waiting for the stock row");
            await taker.CommitAsync(Cancellation);

            foreach (var entry in entries)
            {
                await bus.WaitUntilAcknowledgedAsync("events:ordering", "catalog", entry, TimeSpan.FromSeconds(30));
            }
        }

        Assert.Equal(["rejected", "reserved"], await StatusesAsync(catalogDb, orders));
        await catalog.WaitForStockAsync(product.Id, new StockView(0, 1));
    }

    private static async Task<string[]> StatusesAsync(NpgsqlConnection connection, Guid[] orders)
    {
        await using var query = new NpgsqlCommand("SELECT status FROM stock_reservations WHERE order_id = ANY($1) ORDER BY status", connection)
        {
            Parameters = { new() { Value = orders } },
        };
        var statuses = new List<string>();
        await using var reader = await query.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            statuses.Add(reader.GetString(0));
        }

        return [.. statuses];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, object value)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var count = new NpgsqlCommand(sql, connection);
        return (long)(await count.ExecuteScalarAsync(Cancellation))!;
    }
}
