namespace Store.Catalog.Products;

internal sealed record Product(Guid Id, string Name, decimal Price, DateTimeOffset CreatedAt);
