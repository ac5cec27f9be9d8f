namespace Store.Catalog.Products;

/// <summary>A product as the API shows it. <see cref="Version"/> grows with every change and is the ETag.</summary>
internal sealed record Product(
    Guid Id,
    string Sku,
    string Name,
    string Description,
    decimal Price,
    string Currency,
    string Category,
    string? ImageUrl,
    StockLevel Stock,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

internal sealed record StockLevel(int Available, int Reserved);
