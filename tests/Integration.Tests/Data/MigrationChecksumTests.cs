using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Store.Data;

namespace Store.Integration.Tests.Data;

/// <summary>The start-up migrator of every service, run against a scratch database on the suite's real Postgres.</summary>
public sealed class MigrationChecksumTests(StoreAppFixture store)
{
    private const string ScriptPrefix = "Store.Integration.Tests.Data.Migrations.";
    private static readonly string[] Scripts = ["0001_create_shelves.sql", "0002_add_shelf_capacity.sql"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_applied_script_is_recorded_with_its_checksum_and_logged_once()
    {
        await using var database = await ScratchDatabase.CreateAsync(store);

        var first = await MigrateAsync(database);
        var second = await MigrateAsync(database);

        var recorded = await database.AppliedAsync();
        Assert.Equal(Scripts, recorded.Keys.Order(StringComparer.Ordinal));
        Assert.All(recorded.Values, checksum => Assert.Matches("^[0-9a-f]{64}$", checksum));
        Assert.Equal(Scripts.Select(name => $"Applied migration {name}"), first.Select(line => line[..line.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.Empty(second);
    }

    [Fact]
    public async Task An_applied_script_that_was_edited_stops_the_start_with_a_message_naming_it()
    {
        await using var database = await ScratchDatabase.CreateAsync(store);
        await MigrateAsync(database);
        await database.ExecuteAsync($"UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE name = '{Scripts[0]}'");

        var refused = await Assert.ThrowsAsync<MigrationChangedException>(() => MigrateAsync(database));

        Assert.Equal(Scripts[0], refused.Name);
        Assert.Contains("was edited after it was applied", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_applied_before_checksums_were_kept_get_their_checksum_recorded_without_running_again()
    {
        await using var database = await ScratchDatabase.CreateAsync(store);
        await MigrateAsync(database);
        var original = await database.AppliedAsync();
        await database.ExecuteAsync("UPDATE schema_migrations SET checksum = NULL");

        var lines = await MigrateAsync(database);

        Assert.Equal(original, await database.AppliedAsync());
        Assert.All(lines, line => Assert.StartsWith("Recorded the checksum of migration", line, StringComparison.Ordinal));
        Assert.Equal(Scripts.Length, lines.Count);
    }

    /// <summary>Starts a host whose only work is the migration, as a service's start does; returns what it logged about scripts.</summary>
    private static async Task<IReadOnlyList<string>> MigrateAsync(ScratchDatabase database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database.ConnectionString));
        builder.Services.AddDatabaseMigrations(typeof(MigrationChecksumTests).Assembly, ScriptPrefix);
        using var host = builder.Build();
        await host.StartAsync(Cancellation);
        await host.StopAsync(Cancellation);
        return [.. host.Services.GetFakeLogCollector().GetSnapshot()
            .Where(record => record.Category == "Store.Data.DatabaseMigrator" && record.Level == LogLevel.Information)
            .Select(record => record.Message)];
    }
}
