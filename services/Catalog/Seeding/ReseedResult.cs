namespace Store.Catalog.Seeding;

/// <summary>What a reseed put back, out of what the seed holds.</summary>
public sealed record ReseedResult(int CategoriesRestored, int SeededCategories, int ProductsRestored, int SeededProducts);
