using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Store.Analytics.Archive;

/// <summary>
/// Creates the archive's daily partitions before events of a new day arrive. Without a default partition an event
/// with no partition would be refused, so every write first makes sure its days exist.
/// </summary>
internal sealed class ArchivePartitions(NpgsqlDataSource dataSource)
{
    /// <summary>Serializes partition creation across replicas: two concurrent CREATE TABLE IF NOT EXISTS can still collide.</summary>
    private const long CreationLock = 0x616e616c79746963;

    private readonly ConcurrentDictionary<DateOnly, bool> _known = new();

    public async Task EnsureAsync(IEnumerable<DateTimeOffset> times, CancellationToken cancellationToken)
    {
        var missing = times.Select(time => DateOnly.FromDateTime(time.UtcDateTime)).Distinct().Where(day => !_known.ContainsKey(day)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var @lock = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CreationLock})", connection, transaction))
        {
            await @lock.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var day in missing)
        {
            var from = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await using var create = new NpgsqlCommand($"""
                CREATE TABLE IF NOT EXISTS raw_events_{day:yyyyMMdd} PARTITION OF raw_events
                FOR VALUES FROM ('{from} 00:00:00+00') TO ('{to} 00:00:00+00')
                """, connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var day in missing)
        {
            _known[day] = true;
        }
    }
}
