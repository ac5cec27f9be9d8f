using Npgsql;

namespace Store.Catalog.Data;

internal static class CatalogSchema
{
    // Any fixed number unique to this schema: replicas starting together take turns instead of racing.
    private const long MigrationLock = 0x_CA7A_1060;

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS products (
            id         uuid PRIMARY KEY,
            name       text NOT NULL,
            price      numeric(12, 2) NOT NULL CHECK (price >= 0),
            created_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public static async Task EnsureCatalogSchemaAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new() { Value = MigrationLock });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var ddl = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
