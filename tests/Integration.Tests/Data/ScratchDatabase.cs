using Npgsql;

namespace Store.Integration.Tests.Data;

/// <summary>An empty database of its own on the suite's Postgres server, dropped when the test ends.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;
    private readonly string name;

    private ScratchDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(StoreAppFixture store)
    {
        var database = new ScratchDatabase(await store.GetConnectionStringAsync("postgres"), $"scratch_{Guid.NewGuid():N}");
        await ExecuteOnAsync(database.serverConnectionString, $"CREATE DATABASE {database.name}");
        return database;
    }

    public Task ExecuteAsync(string sql) => ExecuteOnAsync(ConnectionString, sql);

    public async Task<Dictionary<string, string>> AppliedAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new NpgsqlCommand("SELECT name, checksum FROM schema_migrations", connection);
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            applied.Add(reader.GetString(0), reader.GetString(1));
        }

        return applied;
    }

    public async ValueTask DisposeAsync() => await ExecuteOnAsync(serverConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task ExecuteOnAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // Test-made names and constants only.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
