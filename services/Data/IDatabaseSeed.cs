using Npgsql;

namespace Store.Data;

/// <summary>Fills a freshly migrated database, inside the migration's transaction; must do nothing when already filled.</summary>
public interface IDatabaseSeed
{
    Task SeedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
