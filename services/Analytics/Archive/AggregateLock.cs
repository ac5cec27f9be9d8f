using Npgsql;

namespace Store.Analytics.Archive;

/// <summary>
/// Writers of aggregates share this lock; a rebuild takes it alone, so no batch lands in the middle of a rebuild and
/// is lost by its delete or counted twice by its recount.
/// </summary>
internal static class AggregateLock
{
    private const long Key = 0x616767726567;

    public static Task ShareAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
        => TakeAsync(transaction, "pg_advisory_xact_lock_shared", cancellationToken);

    public static Task ExcludeAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
        => TakeAsync(transaction, "pg_advisory_xact_lock", cancellationToken);

    private static async Task TakeAsync(NpgsqlTransaction transaction, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}({Key})", transaction.Connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
