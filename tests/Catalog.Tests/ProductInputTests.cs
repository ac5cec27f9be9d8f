using Store.Catalog.Products;

namespace Store.Catalog.Tests;

public sealed class ProductInputTests
{
    private static readonly ProductInput Valid = new("MUG-001", "Mug", "Stoneware.", 12.50m, "USD", "kitchen", "/images/mug.jpg", 5);

    [Fact]
    public void A_complete_product_is_valid() => Assert.Empty(Valid.Validate());

    [Fact]
    public void Description_image_and_initial_stock_are_optional() =>
        Assert.Empty((Valid with { Description = null, ImageUrl = null, InitialStock = null }).Validate());

    private static readonly (string Field, ProductInput Input)[] InvalidCases =
    [
        ("sku", Valid with { Sku = null }),
        ("sku", Valid with { Sku = "mug 1" }),
        ("sku", Valid with { Sku = "-MUG" }),
        ("sku", Valid with { Sku = new string('A', 65) }),
        ("name", Valid with { Name = "   " }),
        ("name", Valid with { Name = new string('n', 201) }),
        ("description", Valid with { Description = new string('d', 4_001) }),
        ("price", Valid with { Price = null }),
        ("price", Valid with { Price = -0.01m }),
        ("price", Valid with { Price = 1.005m }),
        ("price", Valid with { Price = 10_000_000_000m }),
        ("currency", Valid with { Currency = "usd" }),
        ("currency", Valid with { Currency = "US" }),
        ("currency", Valid with { Currency = null }),
        ("category", Valid with { Category = "Kitchen" }),
        ("category", Valid with { Category = "kitchen'--" }),
        ("category", Valid with { Category = "" }),
        ("imageUrl", Valid with { ImageUrl = "javascript:alert(1)" }),
        ("imageUrl", Valid with { ImageUrl = "//evil.example/x.png" }),
        ("imageUrl", Valid with { ImageUrl = "ftp://files.example/x.png" }),
        ("imageUrl", Valid with { ImageUrl = "https://cdn.example/" + new string('x', 2_048) }),
        ("initialStock", Valid with { InitialStock = -1 }),
        ("initialStock", Valid with { InitialStock = 1_000_001 }),
    ];

    // xunit needs public argument types; the cases are internal, so the theory passes an index.
    public static TheoryData<string, int> Invalid
    {
        get
        {
            var data = new TheoryData<string, int>();
            for (var index = 0; index < InvalidCases.Length; index++)
            {
                data.Add(InvalidCases[index].Field, index);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_field_is_reported_under_its_JSON_name(string field, int index)
    {
        var errors = InvalidCases[index].Input.Validate();

        Assert.Equal([field], errors.Keys);
        Assert.NotEmpty(errors[field].Single());
    }

    [Fact]
    public void Every_invalid_field_is_reported_at_once() =>
        Assert.Equal(7, new ProductInput(null, null, null, null, null, null, "bad", -1).Validate().Count);

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    [InlineData(-1_000_001)]
    public void A_stock_adjustment_is_a_bounded_non_zero_delta(int delta) =>
        Assert.Contains("delta", new StockAdjustment(delta, "count").Validate().Keys);

    [Fact]
    public void A_stock_adjustment_needs_a_reason() =>
        Assert.Equal(["reason"], new StockAdjustment(5, " ").Validate().Keys);
}
