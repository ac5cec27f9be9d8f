using Store.IntegrationEvents.Catalog;
using Store.IntegrationEvents.Ordering;
using Store.Ordering.Orders;
using Store.Ordering.Saga;

namespace Store.Ordering.Tests;

/// <summary>The saga's rules, driven through every state and every input, with no database.</summary>
public sealed class OrderSagaTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SagaOptions Options = new() { StockTimeout = TimeSpan.FromSeconds(30), PaymentTimeout = TimeSpan.FromSeconds(20) };
    private static readonly Guid OrderId = Guid.Parse("0193a4f0-0000-7000-8000-000000000001");
    private static readonly Guid Mug = Guid.Parse("0f27f0e2-505e-03d4-5fae-63a940fa7951");
    private static readonly Guid PaymentId = Guid.Parse("0193a4f0-0000-7000-8000-0000000000aa");
    private static readonly Pricing MugPricing = new([new PricedLine(Mug, "Mug", 2, 7.50m)], 15.00m, "EUR");

    private static readonly Dictionary<string, SagaInput> Inputs = new()
    {
        ["stock-reserved"] = new SagaInput.StockReserved(MugPricing),
        ["stock-rejected"] = new SagaInput.StockRejected("insufficient-stock"),
        ["payment-authorized"] = new SagaInput.PaymentAuthorized(PaymentId, 15.00m, "EUR"),
        ["payment-declined"] = new SagaInput.PaymentDeclined("card-declined"),
        ["stock-released"] = new SagaInput.StockReleased(),
        ["payment-voided"] = new SagaInput.PaymentVoided(PaymentId),
        ["cancelled-by-customer"] = new SagaInput.CancelledByCustomer(),
        ["deadline-passed"] = new SagaInput.DeadlinePassed(Now),
    };

    /// <summary>Every state × every input: the change, the status after, the history step and what is published.</summary>
    public static TheoryData<string, string, string, string, string?, string?> Table => new()
    {
        { OrderStatus.Submitted, "stock-reserved", nameof(SagaChange.Move), OrderStatus.AwaitingPayment, SagaSteps.StockReserved, nameof(PaymentRequested) },
        { OrderStatus.Submitted, "stock-rejected", nameof(SagaChange.Move), OrderStatus.Cancelled, SagaSteps.StockRejected, nameof(OrderCancelled) },
        { OrderStatus.Submitted, "payment-authorized", nameof(SagaChange.None), OrderStatus.Submitted, null, null },
        { OrderStatus.Submitted, "payment-declined", nameof(SagaChange.None), OrderStatus.Submitted, null, null },
        { OrderStatus.Submitted, "stock-released", nameof(SagaChange.Note), OrderStatus.Submitted, SagaSteps.StockReleased, null },
        { OrderStatus.Submitted, "payment-voided", nameof(SagaChange.Note), OrderStatus.Submitted, SagaSteps.PaymentVoided, null },
        { OrderStatus.Submitted, "cancelled-by-customer", nameof(SagaChange.Move), OrderStatus.Cancelled, SagaSteps.CancelledByCustomer, nameof(OrderCancelled) },
        { OrderStatus.Submitted, "deadline-passed", nameof(SagaChange.Move), OrderStatus.Cancelled, SagaSteps.TimedOut, nameof(OrderCancelled) },

        { OrderStatus.AwaitingPayment, "stock-reserved", nameof(SagaChange.None), OrderStatus.AwaitingPayment, null, null },
        { OrderStatus.AwaitingPayment, "stock-rejected", nameof(SagaChange.None), OrderStatus.AwaitingPayment, null, null },
        { OrderStatus.AwaitingPayment, "payment-authorized", nameof(SagaChange.Move), OrderStatus.Confirmed, SagaSteps.PaymentAuthorized, nameof(OrderConfirmed) },
        { OrderStatus.AwaitingPayment, "payment-declined", nameof(SagaChange.Move), OrderStatus.Cancelled, SagaSteps.PaymentDeclined, nameof(OrderCancelled) },
        { OrderStatus.AwaitingPayment, "stock-released", nameof(SagaChange.Note), OrderStatus.AwaitingPayment, SagaSteps.StockReleased, null },
        { OrderStatus.AwaitingPayment, "payment-voided", nameof(SagaChange.Note), OrderStatus.AwaitingPayment, SagaSteps.PaymentVoided, null },
        { OrderStatus.AwaitingPayment, "cancelled-by-customer", nameof(SagaChange.Move), OrderStatus.Cancelled, SagaSteps.CancelledByCustomer, nameof(OrderCancelled) },
        { OrderStatus.AwaitingPayment, "deadline-passed", nameof(SagaChange.Move), OrderStatus.Cancelled, SagaSteps.TimedOut, nameof(OrderCancelled) },

        { OrderStatus.Confirmed, "stock-reserved", nameof(SagaChange.None), OrderStatus.Confirmed, null, null },
        { OrderStatus.Confirmed, "stock-rejected", nameof(SagaChange.None), OrderStatus.Confirmed, null, null },
        { OrderStatus.Confirmed, "payment-authorized", nameof(SagaChange.None), OrderStatus.Confirmed, null, null },
        { OrderStatus.Confirmed, "payment-declined", nameof(SagaChange.None), OrderStatus.Confirmed, null, null },
        { OrderStatus.Confirmed, "stock-released", nameof(SagaChange.Note), OrderStatus.Confirmed, SagaSteps.StockReleased, null },
        { OrderStatus.Confirmed, "payment-voided", nameof(SagaChange.Note), OrderStatus.Confirmed, SagaSteps.PaymentVoided, null },
        { OrderStatus.Confirmed, "cancelled-by-customer", nameof(SagaChange.None), OrderStatus.Confirmed, null, null },
        { OrderStatus.Confirmed, "deadline-passed", nameof(SagaChange.None), OrderStatus.Confirmed, null, null },

        { OrderStatus.Cancelled, "stock-reserved", nameof(SagaChange.None), OrderStatus.Cancelled, null, null },
        { OrderStatus.Cancelled, "stock-rejected", nameof(SagaChange.None), OrderStatus.Cancelled, null, null },
        { OrderStatus.Cancelled, "payment-authorized", nameof(SagaChange.None), OrderStatus.Cancelled, null, null },
        { OrderStatus.Cancelled, "payment-declined", nameof(SagaChange.None), OrderStatus.Cancelled, null, null },
        { OrderStatus.Cancelled, "stock-released", nameof(SagaChange.Note), OrderStatus.Cancelled, SagaSteps.StockReleased, null },
        { OrderStatus.Cancelled, "payment-voided", nameof(SagaChange.Note), OrderStatus.Cancelled, SagaSteps.PaymentVoided, null },
        { OrderStatus.Cancelled, "cancelled-by-customer", nameof(SagaChange.None), OrderStatus.Cancelled, null, null },
        { OrderStatus.Cancelled, "deadline-passed", nameof(SagaChange.None), OrderStatus.Cancelled, null, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_state_answers_every_input_as_the_table_says(string status, string input, string change, string after, string? step, string? published)
    {
        var transition = OrderSaga.Decide(State(status), Inputs[input], Now, Options);

        Assert.Equal(change, transition.Change.ToString());
        Assert.Equal(after, transition.Status);
        Assert.Equal(step, transition.Entry?.Step);
        Assert.Equal(published is null ? [] : [published], transition.Events.Select(@event => @event.GetType().Name));
    }

    [Fact]
    public void The_table_covers_every_state_and_every_input()
    {
        var covered = Table.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();
        string[] statuses = [OrderStatus.Submitted, OrderStatus.AwaitingPayment, OrderStatus.Confirmed, OrderStatus.Cancelled];

        Assert.Equal(statuses.Length * Inputs.Count, covered.Count);
        Assert.All(statuses.SelectMany(status => Inputs.Keys.Select(input => (status, input))), pair => Assert.Contains(pair, covered));
    }

    [Fact]
    public void A_placed_order_waits_for_the_catalog_until_the_stock_deadline()
    {
        var start = OrderSaga.Begin(OrderId, "alice", [new OrderLine(Mug, 2)], Now, Options);

        Assert.Equal(OrderStatus.Submitted, start.Status);
        Assert.Equal(SagaSteps.Submitted, start.Entry?.Step);
        Assert.Equal(Now + Options.StockTimeout, start.Deadline);
        var submitted = Assert.IsType<OrderSubmitted>(Assert.Single(start.Events));
        Assert.Equal(new OrderLine(Mug, 2), Assert.Single(submitted.Lines));
        Assert.Equal(start.Deadline, submitted.Deadline);
    }

    [Fact]
    public void Reserved_stock_records_the_prices_and_asks_for_the_total_before_the_payment_deadline()
    {
        var transition = OrderSaga.Decide(State(OrderStatus.Submitted), Inputs["stock-reserved"], Now, Options);

        Assert.Equal(MugPricing, transition.Pricing);
        Assert.Equal(Now + Options.PaymentTimeout, transition.Deadline);
        Assert.Equal("15.00 EUR", transition.Entry?.Detail);
        Assert.Equal(new PaymentRequested(OrderId, "alice", 15.00m, "EUR", "tok_approve", Now + Options.PaymentTimeout), Assert.Single(transition.Events));
    }

    [Fact]
    public void An_authorized_payment_confirms_the_order_with_the_reserved_lines_and_no_deadline()
    {
        var awaiting = State(OrderStatus.AwaitingPayment) with { Lines = [new OrderLineView(Mug, 2, "Mug", 7.50m)] };

        var transition = OrderSaga.Decide(awaiting, Inputs["payment-authorized"], Now, Options);

        Assert.Null(transition.Deadline);
        var confirmed = Assert.IsType<OrderConfirmed>(Assert.Single(transition.Events));
        Assert.Equal(new PricedLine(Mug, "Mug", 2, 7.50m), Assert.Single(confirmed.Lines));
        Assert.Equal((15.00m, "EUR"), (confirmed.Total, confirmed.Currency));
        Assert.Equal($"payment {PaymentId}", transition.Entry?.Detail);
    }

    [Theory]
    [InlineData("stock-rejected", OrderStatus.Submitted, "insufficient-stock")]
    [InlineData("payment-declined", OrderStatus.AwaitingPayment, "card-declined")]
    [InlineData("cancelled-by-customer", OrderStatus.Submitted, OrderSaga.CancelledByCustomerReason)]
    [InlineData("deadline-passed", OrderStatus.Submitted, "No answer in time from stock reservation.")]
    [InlineData("deadline-passed", OrderStatus.AwaitingPayment, "No answer in time from payment.")]
    public void A_cancellation_gives_its_reason_to_the_order_and_to_whoever_holds_something_for_it(string input, string status, string reason)
    {
        var transition = OrderSaga.Decide(State(status), Inputs[input], Now, Options);

        Assert.Equal((OrderStatus.Cancelled, reason, reason), (transition.Status, transition.CancellationReason, transition.Entry?.Detail));
        Assert.Null(transition.Deadline);
        Assert.Equal(new OrderCancelled(OrderId, "alice", reason), Assert.Single(transition.Events));
    }

    [Theory]
    [InlineData(OrderStatus.Submitted)]
    [InlineData(OrderStatus.AwaitingPayment)]
    public void A_deadline_that_has_not_passed_changes_nothing(string status)
    {
        var waiting = State(status) with { Deadline = Now.AddMilliseconds(1) };

        Assert.Equal(SagaChange.None, OrderSaga.Decide(waiting, Inputs["deadline-passed"], Now, Options).Change);
    }

    [Theory]
    [InlineData(OrderStatus.Submitted)]
    [InlineData(OrderStatus.AwaitingPayment)]
    public void A_deadline_passed_by_the_clock_is_not_a_timeout_while_answers_given_before_it_are_still_unread(string status)
    {
        // The deadline was a second ago, but the saga's consumer is two seconds behind: an answer may be waiting.
        var waiting = State(status) with { Deadline = Now.AddSeconds(-1) };

        Assert.Equal(SagaChange.None, OrderSaga.Decide(waiting, new SagaInput.DeadlinePassed(Now.AddSeconds(-2)), Now, Options).Change);
        Assert.Equal(SagaChange.Move, OrderSaga.Decide(waiting, new SagaInput.DeadlinePassed(Now.AddSeconds(-1)), Now, Options).Change);
    }

    [Fact]
    public void An_answer_read_after_the_deadline_but_before_the_timeout_counts()
    {
        var late = State(OrderStatus.Submitted) with { Deadline = Now.AddSeconds(-5) };

        Assert.Equal(OrderStatus.AwaitingPayment, OrderSaga.Decide(late, Inputs["stock-reserved"], Now, Options).Status);
    }

    [Fact]
    public void A_note_keeps_the_status_and_the_deadline_and_publishes_nothing()
    {
        var awaiting = State(OrderStatus.AwaitingPayment);

        var transition = OrderSaga.Decide(awaiting, Inputs["payment-voided"], Now, Options);

        Assert.Equal((awaiting.Status, awaiting.Deadline), (transition.Status, transition.Deadline));
        Assert.Empty(transition.Events);
    }

    [Fact]
    public void A_second_reservation_or_payment_after_the_first_is_ignored()
    {
        var afterStock = Apply(State(OrderStatus.Submitted), Inputs["stock-reserved"]);
        Assert.Equal(SagaChange.None, OrderSaga.Decide(afterStock, Inputs["stock-reserved"], Now, Options).Change);

        var afterPayment = Apply(afterStock, Inputs["payment-authorized"]);
        Assert.Equal(SagaChange.None, OrderSaga.Decide(afterPayment, Inputs["payment-authorized"], Now, Options).Change);
        Assert.Equal(SagaChange.None, OrderSaga.Decide(afterPayment, Inputs["payment-declined"], Now, Options).Change);
    }

    [Fact]
    public void Every_sequence_of_inputs_ends_in_at_most_one_final_status_and_publishes_at_most_one_outcome()
    {
        // Every ordering of three inputs drawn from all eight, from a new order: no input leaves a final status, and
        // an order is confirmed or cancelled once, never both.
        foreach (var first in Inputs.Values)
        {
            foreach (var second in Inputs.Values)
            {
                foreach (var third in Inputs.Values)
                {
                    var state = State(OrderStatus.Submitted);
                    var outcomes = new List<object>();
                    string? final = null;
                    foreach (var input in new[] { first, second, third })
                    {
                        var transition = OrderSaga.Decide(state, input, Now, Options);
                        outcomes.AddRange(transition.Events.Where(@event => @event is OrderConfirmed or OrderCancelled));
                        if (final is not null)
                        {
                            Assert.Equal(final, transition.Status);
                        }

                        state = Apply(state, input);
                        final ??= OrderStatus.IsFinal(state.Status) ? state.Status : null;
                    }

                    Assert.True(outcomes.Count <= 1, $"{first}, {second}, {third} published {outcomes.Count} outcomes.");
                }
            }
        }
    }

    private static SagaState State(string status) =>
        new(OrderId, "alice", status, "tok_approve", OrderStatus.IsFinal(status) ? null : Now.AddSeconds(-1), [new OrderLineView(Mug, 2, null, null)]);

    private static SagaState Apply(SagaState state, SagaInput input)
    {
        var transition = OrderSaga.Decide(state, input, Now, Options);
        return transition.Change == SagaChange.Move ? state with { Status = transition.Status, Deadline = transition.Deadline ?? Now.AddSeconds(-1) } : state;
    }
}
