using System.Diagnostics;
using Store.Integration.Tests.Catalog;
using Store.Integration.Tests.Ordering;
using Store.Integration.Tests.Security;

namespace Store.Integration.Tests.Messaging;

/// <summary>As ECS replaces a task that died, the AppHost starts a killed replica again.</summary>
[Collection(DisruptiveTests.Name)]
public sealed class ReplicaRestartTests(StoreAppFixture store)
{
    private readonly CatalogApi catalog = new(store.CreateHttpClient("catalog", TestTokens.Admin));
    private readonly OrderingApi ordering = new(store.CreateHttpClient("ordering"), $"restart-{Guid.NewGuid():N}");

    [Fact]
    public async Task Killed_payments_replicas_come_back_on_their_own_and_take_the_next_payment()
    {
        var product = await catalog.CreateAsync(CatalogApi.NewProduct(initialStock: 10));
        var killed = Replicas.RunningOf(store, "payments");
        Assert.Equal(2, killed.Count);

        foreach (var pid in killed.Values)
        {
            Process.GetProcessById(pid).Kill();
        }

        // No payments replica but the ones the AppHost started again can charge this order.
        await Task.WhenAll(killed.Select(replica => Replicas.WaitForReplacementAsync(store, "payments", replica.Key, replica.Value)));
        var order = await ordering.PlaceAsync(OrderingApi.NewOrder(product.Id));
        Assert.Equal("confirmed", (await ordering.WaitForFinalAsync(order.Id, TimeSpan.FromSeconds(60))).Status);
    }
}
