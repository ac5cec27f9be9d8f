namespace Store.Catalog.Products;

/// <summary>One page of a product list; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record ProductPage(IReadOnlyList<Product> Items, string? NextCursor);
