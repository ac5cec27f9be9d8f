using Store.Messaging.Consumers;

namespace Store.Messaging.Tests;

public sealed class MessagingRegistryTests
{
    private readonly List<string> _calls = [];

    private MessagingRegistry RegistryWithObserver()
    {
        var registry = new MessagingRegistry("analytics");
        registry.AddSubscription(new Subscription("ordering.order-confirmed", "events:ordering", (_, _, _) => Record("handler")));
        registry.SetObserver(["events:ordering", "events:payments"], (_, _, _) => Record("observer"));
        return registry;
    }

    [Fact]
    public async Task The_observer_sees_a_handled_event_before_its_handler()
    {
        Assert.True(RegistryWithObserver().TryGetSubscription("ordering.order-confirmed", out var subscription));

        await subscription.InvokeAsync(null!, null!, TestContext.Current.CancellationToken);

        Assert.Equal(["observer", "handler"], _calls);
    }

    [Fact]
    public async Task The_observer_sees_events_nobody_handles()
    {
        Assert.True(RegistryWithObserver().TryGetSubscription("payments.payment-voided", out var subscription));

        await subscription.InvokeAsync(null!, null!, TestContext.Current.CancellationToken);

        Assert.Equal(["observer"], _calls);
    }

    [Fact]
    public void Observed_producers_streams_are_read_along_with_the_handled_ones()
    {
        Assert.Equal(["events:ordering", "events:payments"], RegistryWithObserver().ConsumedStreams.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_an_observer_an_unhandled_event_is_not_for_this_service()
    {
        var registry = new MessagingRegistry("catalog");
        registry.AddSubscription(new Subscription("ordering.order-submitted", "events:ordering", (_, _, _) => Task.CompletedTask));

        Assert.False(registry.TryGetSubscription("payments.payment-voided", out _));
    }

    private Task Record(string call)
    {
        _calls.Add(call);
        return Task.CompletedTask;
    }
}
