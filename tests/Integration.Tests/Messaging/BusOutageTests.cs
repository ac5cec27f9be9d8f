using Store.Integration.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Messaging;

[Collection(DisruptiveTests.Name)]
public sealed class BusOutageTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"outage-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_placed_while_Redis_is_down_all_complete_once_it_is_back()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 100));
        var before = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id));
        var commands = store.App.Services.GetRequiredService<ResourceCommandService>();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        var stopped = await commands.ExecuteCommandAsync("bus", KnownResourceCommands.StopCommand, limit.Token);
        Assert.True(stopped.Success, stopped.Message);
        await store.App.ResourceNotifications.WaitForResourceAsync("bus", KnownResourceStates.TerminalStates, limit.Token);

        // Accepted while the bus is away: the events wait in ordering's outbox.
        var during = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ordering.PlaceAsync(OrderingApi.NewOrder(product.Id))));
        await using (var connection = new NpgsqlConnection(await store.GetConnectionStringAsync("orderingdb")))
        {
            await connection.OpenAsync(Cancellation);
            await using var waiting = new NpgsqlCommand("SELECT count(DISTINCT subject) FROM messaging.outbox WHERE published_at IS NULL AND subject = ANY($1)", connection)
            {
                Parameters = { new() { Value = during.Select(order => $"order/{order.Id}").ToArray() } },
            };
            Assert.Equal((long)during.Length, await waiting.ExecuteScalarAsync(Cancellation));
        }

        var started = await commands.ExecuteCommandAsync("bus", KnownResourceCommands.StartCommand, limit.Token);
        Assert.True(started.Success, started.Message);
        await store.App.ResourceNotifications.WaitForResourceHealthyAsync("bus", limit.Token);

        var final = await Task.WhenAll(during.Append(before).Select(order => ordering.WaitForFinalAsync(order.Id, TimeSpan.FromSeconds(90))));
        Assert.All(final, order => Assert.Equal("confirmed", order.Status));
        await catalog.WaitForStockAsync(product.Id, new StockView(89, 0));
    }
}
