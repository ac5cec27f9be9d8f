using Npgsql;

namespace Store.Catalog.Products;

/// <summary>Products in the catalog database.</summary>
internal sealed class ProductStore(NpgsqlDataSource dataSource)
{
    public async Task<Product> AddAsync(string name, decimal price, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO products (id, name, price) VALUES ($1, $2, $3) RETURNING created_at");
        var id = Guid.CreateVersion7();
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = price });
        var createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new Product(id, name, price, new DateTimeOffset(createdAt, TimeSpan.Zero));
    }

    public async Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name, price, created_at FROM products WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Product(id, reader.GetString(0), reader.GetDecimal(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero));
    }
}
