using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Store.Analytics.Archive;

/// <summary>
/// The archive's daily partitions: created before events of a new day arrive (without a default partition an event
/// with no partition would be refused, so every write first makes sure its days exist), and dropped once expired.
/// </summary>
internal sealed partial class ArchivePartitions(NpgsqlDataSource dataSource, ILogger<ArchivePartitions> logger)
{
    /// <summary>Serializes partition changes across replicas: two concurrent CREATE TABLE IF NOT EXISTS can still collide.</summary>
    private const long CreationLock = 0x616e616c79746963;

    private const string Prefix = "raw_events_";

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
                CREATE TABLE IF NOT EXISTS {Prefix}{day:yyyyMMdd} PARTITION OF raw_events
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

    /// <summary>
    /// Detaches (concurrently: writers of other days are not blocked) and drops every partition whose whole day is
    /// before <paramref name="cutoff"/>. One replica at a time; the others skip the round.
    /// </summary>
    public async Task DropBeforeAsync(DateOnly cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var @lock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({CreationLock})", connection))
        {
            if (!(bool)(await @lock.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        try
        {
            var partitions = new List<string>();
            await using (var list = new NpgsqlCommand("""
                SELECT c.relname FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname = 'raw_events'
                """, connection))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    partitions.Add(reader.GetString(0));
                }
            }

            foreach (var partition in Expired(partitions, cutoff))
            {
                await using var detach = new NpgsqlCommand($"ALTER TABLE raw_events DETACH PARTITION {partition} CONCURRENTLY", connection);
                await detach.ExecuteNonQueryAsync(cancellationToken);
                await using var drop = new NpgsqlCommand($"DROP TABLE {partition}", connection);
                await drop.ExecuteNonQueryAsync(cancellationToken);
                _known.TryRemove(DayOf(partition)!.Value, out _);
                LogDropped(logger, partition);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({CreationLock})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The partitions among <paramref name="partitions"/> that hold only days before <paramref name="cutoff"/>.</summary>
    internal static IEnumerable<string> Expired(IEnumerable<string> partitions, DateOnly cutoff)
        => partitions.Where(partition => DayOf(partition) is { } day && day < cutoff).Order(StringComparer.Ordinal);

    private static DateOnly? DayOf(string partition)
        => partition.StartsWith(Prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(partition[Prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the expired archive partition {Partition}")]
    private static partial void LogDropped(ILogger logger, string partition);
}
