using StackExchange.Redis;

namespace Store.Messaging.Consumers;

/// <summary>
/// Splits entries read together into runs that one transaction can handle: no two entries of a run are about the same
/// subject, a subject's later entry always lands in a later run than its earlier one, so that queued in order the
/// runs keep every subject's order, and entries share a run only with entries of the same kind (a handler of runs
/// takes its locks for the whole run in one ordered statement; two such handlers in one transaction would each take
/// theirs in their own order).
/// </summary>
internal static class MessageRuns
{
    public static List<List<(string Stream, StreamEntry Entry)>> Of(
        IReadOnlyList<(string Stream, StreamEntry Entry)> entries, Func<string, StreamEntry, string> subjectOf,
        Func<string, StreamEntry, string> kindOf, int maxRunLength)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(subjectOf);
        ArgumentNullException.ThrowIfNull(kindOf);
        var runs = new List<List<(string, StreamEntry)>>();
        var kinds = new List<string>();
        var lastRunOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (stream, entry) in entries)
        {
            var subject = subjectOf(stream, entry);
            var kind = kindOf(stream, entry);
            var run = lastRunOf.TryGetValue(subject, out var last) ? last + 1 : 0;
            while (run < runs.Count && (runs[run].Count >= maxRunLength || kinds[run] != kind))
            {
                run++;
            }

            if (run == runs.Count)
            {
                runs.Add([]);
                kinds.Add(kind);
            }

            runs[run].Add((stream, entry));
            lastRunOf[subject] = run;
        }

        return runs;
    }
}
