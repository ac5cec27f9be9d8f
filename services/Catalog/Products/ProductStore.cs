using System.Globalization;
using System.Text;
using Npgsql;

namespace Store.Catalog.Products;

/// <summary>Products and their stock in the catalog database. Every statement is parameterized.</summary>
internal sealed class ProductStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    private const string SelectProduct = """
        SELECT p.id, p.sku, p.name, p.description, p.price, p.currency, c.slug, p.image_url,
               s.available, s.reserved, p.created_at, p.updated_at, p.version
        FROM products p
        JOIN categories c ON c.id = p.category_id
        JOIN stock s ON s.product_id = p.id
        """;

    public async Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectProduct + " WHERE p.id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<ProductPage> ListAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var sql = new StringBuilder(SelectProduct).Append(" WHERE true");

        if (query.Category is not null)
        {
            command.Parameters.Add(new() { Value = query.Category });
            sql.Append(CultureInfo.InvariantCulture, $" AND c.slug = ${command.Parameters.Count}");
        }

        if (query.Search is not null)
        {
            command.Parameters.Add(new() { Value = query.Search });
            sql.Append(CultureInfo.InvariantCulture, $" AND p.search @@ websearch_to_tsquery('simple', ${command.Parameters.Count})");
        }

        var column = query.Sort.IsByPrice() ? "p.price" : "p.name";
        var direction = query.Sort.IsDescending() ? "DESC" : "ASC";
        if (query.After is { } after)
        {
            command.Parameters.Add(new() { Value = query.Sort.IsByPrice() ? decimal.Parse(after.SortValue, CultureInfo.InvariantCulture) : after.SortValue });
            command.Parameters.Add(new() { Value = after.LastId });
            var comparison = query.Sort.IsDescending() ? "<" : ">";
            sql.Append(CultureInfo.InvariantCulture,
                $" AND ({column}, p.id) {comparison} (${command.Parameters.Count - 1}, ${command.Parameters.Count})");
        }

        // One row more than the page tells whether another page follows.
        command.Parameters.Add(new() { Value = query.Limit + 1 });
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY {column} {direction}, p.id {direction} LIMIT ${command.Parameters.Count}");
#pragma warning disable CA2100 // Built from constant fragments; every value is a parameter.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100

        var items = new List<Product>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
            }
        }

        if (items.Count <= query.Limit)
        {
            return new ProductPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        var last = items[^1];
        var sortValue = query.Sort.IsByPrice() ? last.Price.ToString(CultureInfo.InvariantCulture) : last.Name;
        return new ProductPage(items, new PageCursor(query.Sort, sortValue, last.Id).Encode());
    }

    public async Task<WriteResult> CreateAsync(ProductInput input, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand("""
            WITH category AS (SELECT id FROM categories WHERE slug = $7),
            product AS (
                INSERT INTO products (id, sku, name, description, price, currency, category_id, image_url)
                SELECT $1, $2, $3, $4, $5, $6, category.id, $8 FROM category
                RETURNING id)
            INSERT INTO stock (product_id, available) SELECT id, $9 FROM product
            """);
        AddInputParameters(command, id, input);
        command.Parameters.Add(new() { Value = input.InitialStock ?? 0 });

        try
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return new(WriteOutcome.UnknownCategory);
            }
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return new(WriteOutcome.DuplicateSku);
        }

        return new(WriteOutcome.Done, await FindAsync(id, cancellationToken));
    }

    /// <param name="expectedVersion">The version the client read (If-Match), or null to replace whatever is there.</param>
    public async Task<WriteResult> UpdateAsync(Guid id, ProductInput input, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE products p
            SET sku = $2, name = $3, description = $4, price = $5, currency = $6, category_id = c.id, image_url = $8,
                updated_at = now(), version = p.version + 1
            FROM categories c
            WHERE p.id = $1 AND c.slug = $7 AND ($9::integer IS NULL OR p.version = $9)
            """);
        AddInputParameters(command, id, input);
        command.Parameters.Add(new() { Value = (object?)expectedVersion ?? DBNull.Value });

        try
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Nothing else explains a miss but a change made between the update and the explanation.
                var outcome = await ExplainMissedWriteAsync(id, expectedVersion, input.Category, cancellationToken);
                return new(outcome == WriteOutcome.Done ? WriteOutcome.StaleVersion : outcome);
            }
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return new(WriteOutcome.DuplicateSku);
        }

        return new(WriteOutcome.Done, await FindAsync(id, cancellationToken));
    }

    public async Task<WriteOutcome> DeleteAsync(Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM products WHERE id = $1 AND ($2::integer IS NULL OR version = $2)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = (object?)expectedVersion ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? WriteOutcome.Done
            : await ExplainMissedWriteAsync(id, expectedVersion, category: null, cancellationToken);
    }

    /// <summary>Adds <paramref name="delta"/> (negative to remove) to the available stock; never below zero.</summary>
    public async Task<WriteResult> AdjustStockAsync(Guid id, int delta, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH adjusted AS (
                UPDATE stock s SET available = s.available + $2
                FROM products p
                WHERE s.product_id = $1 AND p.id = s.product_id AND s.available + $2 >= 0
                  AND ($3::integer IS NULL OR p.version = $3)
                RETURNING s.product_id)
            UPDATE products SET version = version + 1, updated_at = now() WHERE id IN (SELECT product_id FROM adjusted)
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = delta });
        command.Parameters.Add(new() { Value = (object?)expectedVersion ?? DBNull.Value });

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            var outcome = await ExplainMissedWriteAsync(id, expectedVersion, category: null, cancellationToken);
            return new(outcome == WriteOutcome.Done ? WriteOutcome.InsufficientStock : outcome);
        }

        return new(WriteOutcome.Done, await FindAsync(id, cancellationToken));
    }

    /// <summary>Tells a write that touched no row apart: no such product, a stale version, or an unknown category.</summary>
    private async Task<WriteOutcome> ExplainMissedWriteAsync(Guid id, int? expectedVersion, string? category, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT p.version, EXISTS (SELECT 1 FROM categories WHERE slug = $2) FROM products p WHERE p.id = $1");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = (object?)category ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return WriteOutcome.NotFound;
        }

        if (expectedVersion is not null && reader.GetInt32(0) != expectedVersion)
        {
            return WriteOutcome.StaleVersion;
        }

        return category is not null && !reader.GetBoolean(1) ? WriteOutcome.UnknownCategory : WriteOutcome.Done;
    }

    private static void AddInputParameters(NpgsqlCommand command, Guid id, ProductInput input)
    {
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = input.Sku! });
        command.Parameters.Add(new() { Value = input.Name!.Trim() });
        command.Parameters.Add(new() { Value = input.Description?.Trim() ?? "" });
        command.Parameters.Add(new() { Value = input.Price!.Value });
        command.Parameters.Add(new() { Value = input.Currency! });
        command.Parameters.Add(new() { Value = input.Category! });
        command.Parameters.Add(new() { Value = (object?)input.ImageUrl ?? DBNull.Value });
    }

    private static Product Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetDecimal(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        new StockLevel(reader.GetInt32(8), reader.GetInt32(9)),
        new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero),
        new DateTimeOffset(reader.GetDateTime(11), TimeSpan.Zero),
        reader.GetInt32(12));
}
