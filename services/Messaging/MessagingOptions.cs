namespace Store.Messaging;

/// <summary>The <c>Messaging</c> configuration section; the defaults suit production, tests shorten the waits.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Outbox rows the relay moves to Redis per round trip.</summary>
    public int RelayBatchSize { get; set; } = 256;

    /// <summary>How long the relay sleeps when no NOTIFY arrives: the safety net for a missed notification.</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts while Redis or Postgres is unavailable.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Entries a consumer reads per XREADGROUP.</summary>
    public int ConsumerBatchSize { get; set; } = 64;

    /// <summary>Messages about different entities a consumer handles at once; one entity's messages are always handled in order.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// Messages about different entities handled in one transaction, when that many are waiting: they share the commit,
    /// and each one's writes travel with the next one's first query. 1 gives every message a transaction of its own, as
    /// a handler that waits on something slow outside the database (a card provider) should have.
    /// </summary>
    public int MessagesPerTransaction { get; set; } = 8;

    /// <summary>How long XREADGROUP blocks waiting for entries.</summary>
    public TimeSpan BlockTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts a handler gets, in place with doubling pauses, before the message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The pause after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>An entry pending this long on another consumer is taken over (XAUTOCLAIM): that consumer is presumed dead.</summary>
    public TimeSpan ClaimIdleAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long published outbox rows, inbox rows and acknowledged stream entries are kept, for replay and deduplication.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often retention is applied.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal IEnumerable<string> Validate()
    {
        if (RelayBatchSize is < 1 or > 10_000)
        {
            yield return $"{Section}:{nameof(RelayBatchSize)} must be between 1 and 10000.";
        }

        if (ConsumerBatchSize is < 1 or > 10_000)
        {
            yield return $"{Section}:{nameof(ConsumerBatchSize)} must be between 1 and 10000.";
        }

        if (MaxConcurrency is < 1 or > 256)
        {
            yield return $"{Section}:{nameof(MaxConcurrency)} must be between 1 and 256.";
        }

        if (MessagesPerTransaction is < 1 or > 256)
        {
            yield return $"{Section}:{nameof(MessagesPerTransaction)} must be between 1 and 256.";
        }

        if (MaxAttempts < 1)
        {
            yield return $"{Section}:{nameof(MaxAttempts)} must be at least 1.";
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(RelayPollInterval), RelayPollInterval), (nameof(MaxBackoff), MaxBackoff),
                     (nameof(BlockTimeout), BlockTimeout), (nameof(RetryDelay), RetryDelay),
                     (nameof(ClaimIdleAfter), ClaimIdleAfter), (nameof(Retention), Retention),
                     (nameof(MaintenanceInterval), MaintenanceInterval),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{Section}:{name} must be positive.";
            }
        }

        // The reader's connection times out at 5 s; a longer block would look like a dead server.
        if (BlockTimeout > TimeSpan.FromSeconds(4))
        {
            yield return $"{Section}:{nameof(BlockTimeout)} must be at most 4 seconds.";
        }

        if (ClaimIdleAfter <= BlockTimeout)
        {
            yield return $"{Section}:{nameof(ClaimIdleAfter)} must be longer than {nameof(BlockTimeout)}.";
        }
    }
}
