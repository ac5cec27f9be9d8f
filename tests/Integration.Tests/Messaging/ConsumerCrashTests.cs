using Store.Integration.Tests.Security;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;

namespace Store.Integration.Tests.Messaging;

[Collection(DisruptiveTests.Name)]
public sealed class ConsumerCrashTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"crash-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_of_a_consumer_killed_mid_batch_are_redelivered_and_applied_exactly_once()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 100));
        await using var bus = await EventBusProbe.ConnectAsync(store);

        // A slow provider keeps the payment requests in the hands of the payments consumers for 1.5 s each.
        var orders = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ordering.PlaceAsync(OrderingApi.NewOrder(product.Id, paymentToken: "tok_slow_1500"))));
        var (victim, unacknowledged) = await WaitForConsumerHoldingAsync(bus, [.. orders.Select(order => $"order/{order.Id}")]);
        var replica = Replicas.RunningOf(store, "payments").Single(running => running.Value == victim).Key;
        Process.GetProcessById(victim).Kill();

        var final = await Task.WhenAll(orders.Select(order => ordering.WaitForFinalAsync(order.Id, TimeSpan.FromSeconds(90))));
        Assert.All(final, order => Assert.Equal("confirmed", order.Status));

        await using var connection = new NpgsqlConnection(await store.GetConnectionStringAsync("paymentsdb"));
        await connection.OpenAsync(Cancellation);
        await using var ledger = new NpgsqlCommand("SELECT order_id, count(*) FROM ledger WHERE order_id = ANY($1) GROUP BY order_id", connection)
        {
            Parameters = { new() { Value = orders.Select(order => order.Id).ToArray() } },
        };
        var entries = new Dictionary<Guid, long>();
        await using (var reader = await ledger.ExecuteReaderAsync(Cancellation))
        {
            while (await reader.ReadAsync(Cancellation))
            {
                entries[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }

        Assert.Equal(orders.Length, entries.Count);
        Assert.All(entries.Values, count => Assert.Equal(1, count));

        // What the dead consumer held was handled all the same: by the replica that took it over.
        await using var inbox = new NpgsqlCommand(
            "SELECT count(*) FROM messaging.inbox WHERE consumer_group = 'payments' AND stream_entry_id = ANY($1)", connection)
        {
            Parameters = { new() { Value = unacknowledged } },
        };
        Assert.Equal((long)unacknowledged.Length, await inbox.ExecuteScalarAsync(Cancellation));

        // The AppHost starts the killed replica again, so the app is whole for whatever runs next.
        await Replicas.WaitForReplacementAsync(store, "payments", replica, victim);
    }

    /// <summary>
    /// A payments consumer holding unacknowledged payment requests of these orders: its process id (consumer names end
    /// in pid-id) and those entries.
    /// </summary>
    private static async Task<(int Pid, string[] Entries)> WaitForConsumerHoldingAsync(EventBusProbe bus, string[] subjects)
    {
        var held = await Eventually.UntilAsync(async () =>
            {
                var held = new List<(string Consumer, string Entry)>();
                foreach (var message in await bus.Database.StreamPendingMessagesAsync("events:ordering", "payments", 100, StackExchange.Redis.RedisValue.Null))
                {
                    var entry = (await bus.Database.StreamRangeAsync("events:ordering", message.MessageId, message.MessageId)).SingleOrDefault();
                    if (entry.Values is not null && entry["type"] == "ordering.payment-requested" && subjects.Contains((string?)entry["subject"]))
                    {
                        held.Add((message.ConsumerName!, message.MessageId!));
                    }
                }

                return held;
            },
            held => held.Count > 0, "A payments consumer picking up a payment request of the test's orders");

        var consumer = held[0].Consumer;
        return (int.Parse(consumer.Split('-')[^2], CultureInfo.InvariantCulture), [.. held.Where(item => item.Consumer == consumer).Select(item => item.Entry)]);
    }
}
