using Store.Catalog.Products;

namespace Store.Catalog.Tests;

public sealed class ProductQueryTests
{
    [Fact]
    public void Defaults_are_twenty_by_name_from_the_start()
    {
        var (query, errors) = ProductQuery.Parse(null, null, null, null, null);

        Assert.Empty(errors);
        Assert.Equal(new ProductQuery(null, null, ProductSort.NameAscending, 20, null), query);
    }

    [Theory]
    [InlineData("name", nameof(ProductSort.NameAscending))]
    [InlineData("-name", nameof(ProductSort.NameDescending))]
    [InlineData("price", nameof(ProductSort.PriceAscending))]
    [InlineData("-price", nameof(ProductSort.PriceDescending))]
    public void Each_sort_order_is_read(string sort, string expected) =>
        Assert.Equal(expected, ProductQuery.Parse(null, null, sort, null, null).Query!.Sort.ToString());

    [Fact]
    public void A_blank_search_is_no_search() =>
        Assert.Null(ProductQuery.Parse(null, "   ", null, null, null).Query!.Search);

    [Fact]
    public void Every_bad_parameter_is_reported_at_once()
    {
        var (query, errors) = ProductQuery.Parse("Not A Slug", new string('q', 201), "popularity", 101, "garbage");

        Assert.Null(query);
        Assert.Equal(["category", "cursor", "limit", "q", "sort"], errors.Keys.Order());
    }

    [Theory]
    [InlineData(nameof(ProductSort.NameAscending), "Zebra | with a pipe")]
    [InlineData(nameof(ProductSort.PriceDescending), "123.45")]
    public void A_cursor_survives_its_round_trip(string sort, string value)
    {
        var cursor = new PageCursor(Enum.Parse<ProductSort>(sort), value, Guid.NewGuid());

        Assert.True(PageCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Fact]
    public void A_cursor_is_refused_under_another_sort_order()
    {
        var cursor = new PageCursor(ProductSort.PriceAscending, "9.99", Guid.NewGuid()).Encode();

        Assert.Contains("cursor", ProductQuery.Parse(null, null, "name", null, cursor).Errors.Keys);
        Assert.NotNull(ProductQuery.Parse(null, null, "price", null, cursor).Query);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("MXxhYmN8eA")] // "1|abc|x": not an id
    [InlineData("OXwwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMHx4")] // sort 9 does not exist
    [InlineData("MnwwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMHxjaGVhcA")] // a price cursor whose value is not a number
    public void A_forged_or_broken_cursor_is_refused(string token) =>
        Assert.False(PageCursor.TryDecode(token, out _));
}
