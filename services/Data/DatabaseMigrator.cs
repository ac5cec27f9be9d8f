using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Store.Data;

/// <summary>
/// Applies every registered <see cref="MigrationScripts"/> and then the seeds, in one transaction, before the server
/// takes requests. Replicas starting together take turns on an advisory lock, so exactly one of them does the work.
/// </summary>
internal sealed partial class DatabaseMigrator(
    NpgsqlDataSource dataSource,
    IEnumerable<MigrationScripts> scripts,
    IEnumerable<IDatabaseSeed> seeds,
    DatabaseReadiness readiness,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Any fixed number: each service has a database of its own.
    private const long MigrationLock = 0x_5C4E_3A11;

    /// <summary>
    /// How long a Postgres that refuses or times out is tried again at start. When every service and replica starts at
    /// once on a busy machine, opening the first connection can take longer than the 2 s a request waits; the service
    /// should start all the same, and fail loudly only when the database stays out of reach.
    /// </summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + StartPatience;
        for (var failures = 1; ; failures++)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                readiness.Migrated();
                return;
            }
            catch (NpgsqlException exception) when (exception.IsTransient && DateTime.UtcNow < giveUpAt && !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(logger, exception.Message);
                await Task.Delay(Backoff.For(failures, FirstPause, LongestPause), cancellationToken);
            }
            catch (Exception exception)
            {
                readiness.Failed(exception);
                throw;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name       text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text;
            """, cancellationToken);

        var applied = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using (var query = new NpgsqlCommand("SELECT name, checksum FROM schema_migrations", connection, transaction))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
            }
        }

        foreach (var script in scripts.SelectMany(source => source.Read()))
        {
            if (!applied.TryGetValue(script.Name, out var appliedChecksum))
            {
                var started = Stopwatch.GetTimestamp();
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await RecordAsync(connection, transaction, "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", script, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started);
                LogApplied(logger, script.Name, script.Checksum, elapsed.TotalMilliseconds);
            }
            else if (appliedChecksum is null)
            {
                await RecordAsync(connection, transaction, "UPDATE schema_migrations SET checksum = $2 WHERE name = $1", script, cancellationToken);
                LogAdopted(logger, script.Name, script.Checksum);
            }
            else if (appliedChecksum != script.Checksum)
            {
                throw new MigrationChangedException(script.Name, appliedChecksum, script.Checksum);
            }
        }

        foreach (var seed in seeds)
        {
            await seed.SeedAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, MigrationScript script, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Constants only.
        await using var record = new NpgsqlCommand(sql, connection, transaction)
        {
            Parameters = { new() { Value = script.Name }, new() { Value = script.Checksum } },
        };
#pragma warning restore CA2100
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Embedded migration scripts and constants only.
        await using var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} (sha256 {Checksum}) in {ElapsedMs:F0} ms")]
    private static partial void LogApplied(ILogger logger, string name, string checksum, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded the checksum of migration {Name} (sha256 {Checksum}), applied before checksums were kept")]
    private static partial void LogAdopted(ILogger logger, string name, string checksum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the database to migrate it yet ({Error}); trying again")]
    private static partial void LogRetrying(ILogger logger, string error);
}
