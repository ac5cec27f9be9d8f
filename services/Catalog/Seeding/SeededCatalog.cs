using Bogus;

namespace Store.Catalog.Seeding;

/// <summary>
/// The demo catalog every run, test and benchmark sees: 1,200 products in 12 categories, the same on every machine
/// (a fixed random seed), so that a product deleted can be put back as it was.
/// </summary>
internal static class SeededCatalog
{
    public const int ProductCount = 1_200;
    public const string Currency = "USD";
    private const int Seed = 20_261_128;

    public static readonly IReadOnlyList<(string Slug, string Name)> Categories =
    [
        ("kitchen", "Kitchen"), ("garden", "Garden"), ("books", "Books"), ("toys", "Toys"),
        ("outdoors", "Outdoors"), ("electronics", "Electronics"), ("clothing", "Clothing"), ("shoes", "Shoes"),
        ("sports", "Sports"), ("beauty", "Beauty"), ("home", "Home"), ("grocery", "Grocery"),
    ];

    public static readonly DateTime SeededAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<SeededProduct> Products()
    {
        // The draws happen in this order for every product: reordering them would give every product other values.
        var faker = new Faker { Random = new Randomizer(Seed) };
        var slugs = Categories.Select(category => category.Slug).ToList();
        return [.. Enumerable.Range(1, ProductCount).Select(number =>
        {
            var sku = $"SKU-{number:D6}";
            return new SeededProduct(
                faker.Random.Guid(),
                sku,
                faker.Commerce.ProductName(),
                faker.Commerce.ProductDescription(),
                decimal.Round(faker.Random.Decimal(1m, 500m), 2),
                faker.PickRandom(slugs),
                faker.Random.Int(0, 500),
                $"/images/products/{sku.ToLowerInvariant()}.jpg");
        })];
    }

    internal sealed record SeededProduct(Guid Id, string Sku, string Name, string Description, decimal Price, string Category, int Available, string ImageUrl);
}
