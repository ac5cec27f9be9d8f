namespace Store.Catalog.Categories;

internal sealed record Category(string Slug, string Name, int ProductCount);
