using Npgsql;
using NpgsqlTypes;
using Store.Catalog.Caching;

namespace Store.Catalog.Seeding;

/// <summary>
/// Puts back the seeded categories and products that are missing, each as the seed made it, with its seeded stock.
/// Rows that exist, seeded or not, are left alone (orders and edits refer to them), so a reseed can be repeated: the
/// second one restores nothing.
/// </summary>
internal sealed class CatalogReseed(NpgsqlDataSource dataSource, CatalogCache cache)
{
    public async Task<ReseedResult> RestoreAsync(CancellationToken cancellationToken)
    {
        var products = SeededCatalog.Products();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using var categories = new NpgsqlCommand(
            "INSERT INTO categories (slug, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (slug) DO NOTHING", connection, transaction)
        {
            Parameters =
            {
                new() { Value = SeededCatalog.Categories.Select(category => category.Slug).ToArray() },
                new() { Value = SeededCatalog.Categories.Select(category => category.Name).ToArray() },
            },
        };
        var categoriesRestored = await categories.ExecuteNonQueryAsync(cancellationToken);

        // One statement: the products come back (a SKU taken by another product since keeps that one out) and the stock
        // of exactly those that did.
        await using var restore = new NpgsqlCommand("""
            WITH seed AS (
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::integer[], $8::text[])
                    AS s (id, sku, name, description, price, category, available, image_url)),
            restored AS (
                INSERT INTO products (id, sku, name, description, price, currency, category_id, image_url, created_at, updated_at)
                SELECT s.id, s.sku, s.name, s.description, s.price, $9, c.id, s.image_url, $10, $10
                FROM seed s JOIN categories c ON c.slug = s.category
                ON CONFLICT DO NOTHING
                RETURNING id)
            INSERT INTO stock (product_id, available)
            SELECT restored.id, seed.available FROM restored JOIN seed ON seed.id = restored.id
            RETURNING product_id
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = products.Select(product => product.Id).ToArray() },
                new() { Value = products.Select(product => product.Sku).ToArray() },
                new() { Value = products.Select(product => product.Name).ToArray() },
                new() { Value = products.Select(product => product.Description).ToArray() },
                new() { Value = products.Select(product => product.Price).ToArray() },
                new() { Value = products.Select(product => product.Category).ToArray() },
                new() { Value = products.Select(product => product.Available).ToArray() },
                new() { Value = products.Select(product => product.ImageUrl).ToArray() },
                new() { Value = SeededCatalog.Currency, NpgsqlDbType = NpgsqlDbType.Char },
                new() { Value = SeededCatalog.SeededAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        };
        var restored = new List<Guid>();
        await using (var reader = await restore.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                restored.Add(reader.GetGuid(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);

        // List pages cached without the products that are back now, in this replica or another, must go.
        if (restored.Count > 0)
        {
            await cache.InvalidateAsync(restored);
        }

        return new ReseedResult(categoriesRestored, SeededCatalog.Categories.Count, restored.Count, products.Count);
    }
}
