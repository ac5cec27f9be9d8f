using Store.Ordering.Orders;

namespace Store.Ordering.Tests;

public sealed class PlaceOrderRequestTests
{
    private static readonly Guid Mug = Guid.Parse("0f27f0e2-505e-03d4-5fae-63a940fa7951");
    private static readonly Guid Pot = Guid.Parse("1f27f0e2-505e-03d4-5fae-63a940fa7951");
    private static readonly PlaceOrderRequest Valid = new([new(Mug, 2), new(Pot, 1)], "tok_approve");

    [Fact]
    public void A_complete_order_is_valid() => Assert.Empty(Valid.Validate());

    private static readonly (string Field, PlaceOrderRequest Request)[] InvalidCases =
    [
        ("lines", Valid with { Lines = null }),
        ("lines", Valid with { Lines = [] }),
        ("lines", Valid with { Lines = [.. Enumerable.Range(0, 51).Select(_ => new PlaceOrderLine(Guid.NewGuid(), 1))] }),
        ("lines", Valid with { Lines = [new(Mug, 1), new(Mug, 2)] }),
        ("lines[0].productId", Valid with { Lines = [new(null, 1)] }),
        ("lines[0].productId", Valid with { Lines = [new(Guid.Empty, 1)] }),
        ("lines[0].quantity", Valid with { Lines = [new(Mug, 0)] }),
        ("lines[1].quantity", Valid with { Lines = [new(Mug, 1), new(Pot, 1_001)] }),
        ("paymentToken", Valid with { PaymentToken = null }),
        ("paymentToken", Valid with { PaymentToken = "tok approve" }),
        ("paymentToken", Valid with { PaymentToken = new string('t', 101) }),
    ];

    public static TheoryData<int> Invalid => [.. Enumerable.Range(0, InvalidCases.Length)];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_order_names_the_field_at_fault(int index) =>
        Assert.Contains(InvalidCases[index].Field, InvalidCases[index].Request.Validate().Keys);

    [Fact]
    public void The_fingerprint_ignores_line_order_but_not_quantities_or_token()
    {
        var reordered = Valid with { Lines = [.. Valid.Lines!.Reverse()] };

        Assert.Equal(Valid.Fingerprint(), reordered.Fingerprint());
        Assert.NotEqual(Valid.Fingerprint(), (Valid with { Lines = [new(Mug, 3), new(Pot, 1)] }).Fingerprint());
        Assert.NotEqual(Valid.Fingerprint(), (Valid with { PaymentToken = "tok_decline" }).Fingerprint());
    }

    [Theory]
    [InlineData("order-1", true)]
    [InlineData("5f0c-ae/…", false)]
    [InlineData("with space", false)]
    [InlineData("", false)]
    public void Idempotency_keys_are_short_visible_ASCII(string key, bool valid) => Assert.Equal(valid, IdempotencyKey.IsValid(key));
}
