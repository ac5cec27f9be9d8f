using Npgsql;
using NpgsqlTypes;
using Store.Data;

namespace Store.Catalog.Seeding;

/// <summary>Fills a fresh catalog database with the <see cref="SeededCatalog"/>, by binary COPY: well under a second.</summary>
internal sealed class CatalogSeed : IDatabaseSeed
{
    public async Task SeedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM categories)", connection, transaction))
        {
            if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (slug, name) in SeededCatalog.Categories)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO categories (slug, name) VALUES ($1, $2) RETURNING id", connection, transaction)
            {
                Parameters = { new() { Value = slug }, new() { Value = name } },
            };
            categoryIds[slug] = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        var products = SeededCatalog.Products();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY products (id, sku, name, description, price, currency, category_id, image_url, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var product in products)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(product.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(product.Sku, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(product.Name, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(product.Description, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(product.Price, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(SeededCatalog.Currency, NpgsqlDbType.Char, cancellationToken);
                await writer.WriteAsync(categoryIds[product.Category], NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(product.ImageUrl, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(SeededCatalog.SeededAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(SeededCatalog.SeededAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY stock (product_id, available) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var product in products)
            {
                await writer.WriteRowAsync(cancellationToken, product.Id, product.Available);
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }
}
