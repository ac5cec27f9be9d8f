using System.Globalization;
using StackExchange.Redis;
using Store.Messaging.Consumers;

namespace Store.Messaging.DeadLetters;

/// <summary>
/// A consumer group's dead letters: a stream holding each given-up entry's original fields, the stream it came from and
/// why it was given up. Redriving sends the entry to the group's own redrive stream for that source
/// (<see cref="StreamNames.Redrive(string, string)"/>), so no other group and no other reader sees it a second time.
/// </summary>
internal sealed class DeadLetterStore(
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    MessagingRegistry registry,
    Inbox inbox) : IDeadLetters
{
    private const string FromStream = "dead-letter.stream";
    private const string FromEntry = "dead-letter.entry-id";
    private const string Attempts = "dead-letter.attempts";
    private const string Error = "dead-letter.error";
    private const string At = "dead-letter.at";
    private const int MaxErrorLength = 2_000;

    private string Key => StreamNames.DeadLetters(registry.ConsumerGroup);

    public async Task AddAsync(string stream, StreamEntry entry, int attempts, string reason)
    {
        var fields = entry.Values.Where(field => !field.Name.ToString().StartsWith("dead-letter.", StringComparison.Ordinal)).ToList();
        fields.Add(new(FromStream, stream));
        fields.Add(new(FromEntry, entry.Id));
        fields.Add(new(Attempts, attempts));
        fields.Add(new(Error, reason.Length > MaxErrorLength ? reason[..MaxErrorLength] : reason));
        fields.Add(new(At, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        await bus.GetDatabase().StreamAddAsync(Key, [.. fields]);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int limit)
    {
        var entries = await bus.GetDatabase().StreamRangeAsync(Key, count: limit);
        return [.. entries.Select(Describe)];
    }

    /// <summary>Sends the entry back to its handler with a fresh count of attempts; false when there is no such entry.</summary>
    public async Task<bool> RedriveAsync(string id, CancellationToken cancellationToken)
    {
        var database = bus.GetDatabase();
        var found = await database.StreamRangeAsync(Key, id, id, count: 1);
        if (found.Length == 0)
        {
            return false;
        }

        var entry = found[0];
        if (StreamEntryCodec.TryDecode(entry.Values, out var envelope))
        {
            await inbox.ForgetFailuresAsync(envelope.EventId, cancellationToken);
        }

        // Entries dead-lettered before their source was recorded came from the bus.
        var source = entry[FromStream];
        var redrive = source.IsNullOrEmpty
            ? StreamNames.Redrive(registry.ConsumerGroup)
            : StreamNames.Redrive(registry.ConsumerGroup, source.ToString());

        // In this order, a crash between the steps at worst redrives twice, and the inbox (or the archive) absorbs the second.
        await database.StreamAddAsync(redrive, entry.Values);
        await database.StreamDeleteAsync(Key, [entry.Id]);
        return true;
    }

    private static DeadLetter Describe(StreamEntry entry)
    {
        var values = entry.Values.ToDictionary(field => field.Name.ToString(), field => field.Value.ToString(), StringComparer.Ordinal);
        return new DeadLetter(
            entry.Id.ToString(),
            Guid.TryParse(values.GetValueOrDefault(StreamEntryCodec.EventId), out var eventId) ? eventId : null,
            values.GetValueOrDefault(StreamEntryCodec.Type),
            values.GetValueOrDefault(StreamEntryCodec.Subject),
            values.GetValueOrDefault(FromStream, ""),
            values.GetValueOrDefault(FromEntry, ""),
            int.TryParse(values.GetValueOrDefault(Attempts), CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
            values.GetValueOrDefault(Error, ""),
            DateTimeOffset.TryParse(values.GetValueOrDefault(At), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default);
    }
}
