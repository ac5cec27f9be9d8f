namespace Store.Catalog.Products;

/// <summary>The orders a product list can take; each ends in the id, so every position is unique.</summary>
internal enum ProductSort
{
    NameAscending,
    NameDescending,
    PriceAscending,
    PriceDescending,
}

internal static class ProductSorts
{
    public const string Allowed = "name, -name, price, -price";

    public static bool TryParse(string? value, out ProductSort sort)
    {
        sort = value switch
        {
            null or "" or "name" => ProductSort.NameAscending,
            "-name" => ProductSort.NameDescending,
            "price" => ProductSort.PriceAscending,
            "-price" => ProductSort.PriceDescending,
            _ => (ProductSort)(-1),
        };
        return Enum.IsDefined(sort);
    }

    public static bool IsByPrice(this ProductSort sort) => sort is ProductSort.PriceAscending or ProductSort.PriceDescending;

    public static bool IsDescending(this ProductSort sort) => sort is ProductSort.NameDescending or ProductSort.PriceDescending;
}
