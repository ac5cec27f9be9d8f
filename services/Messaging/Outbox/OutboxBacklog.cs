using Npgsql;

namespace Store.Messaging.Outbox;

/// <summary>How long the oldest event of this service's outbox has waited for the relay to put it on its stream.</summary>
public sealed class OutboxBacklog(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Zero when every committed event is on its stream; grows while the bus is away or the relay is behind.</summary>
    public async Task<TimeSpan> OldestUnpublishedAgeAsync(CancellationToken cancellationToken)
    {
        // The relay's own index (outbox_unpublished) makes this the first row of a partial index.
        await using var query = dataSource.CreateCommand("SELECT occurred_at FROM messaging.outbox WHERE published_at IS NULL ORDER BY position LIMIT 1");
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return TimeSpan.Zero;
        }

        var age = clock.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(0);
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }
}
