using StackExchange.Redis;
using Store.Analytics.Archive;
using Store.Messaging;

namespace Store.Analytics.Live;

/// <summary>
/// Live rankings in Redis: one sorted set per metric and minute, scored with the window's total as Postgres holds it
/// (ZADD GT), so a late or repeated update never lowers a score and a redelivery changes nothing.
/// </summary>
internal sealed class TopProductsBoard(
    [FromKeyedServices(MessagingServiceCollectionExtensions.BusConnectionName)] IConnectionMultiplexer bus,
    TimeProvider clock)
{
    /// <summary>How long a minute's ranking stays in Redis; older windows are read from Postgres.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    public static readonly Metric[] Metrics = [Metric.Views, Metric.Carts, Metric.Purchases];

    /// <summary>Records windows' new totals; windows older than <see cref="Retention"/> live in Postgres only.</summary>
    public Task RecordAsync(IReadOnlyList<ProductWindow> windows) => WriteAsync(windows, replace: []);

    /// <summary>Replaces the rankings of the minutes in [from, to) that Redis still keeps with <paramref name="windows"/>.</summary>
    public Task ReplaceAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<ProductWindow> windows)
    {
        var kept = clock.GetUtcNow() - Retention;
        var minutes = new List<RedisKey>();
        for (var minute = from > kept ? from : WindowCounts.MinuteOf(kept); minute < to; minute = minute.AddMinutes(1))
        {
            minutes.AddRange(Metrics.Select(metric => Key(metric, minute)));
        }

        return WriteAsync(windows, minutes);
    }

    /// <summary>The products with the highest totals over the last <paramref name="minutes"/> minutes, this one included.</summary>
    public async Task<IReadOnlyList<(Guid ProductId, long Total)>> TopAsync(Metric metric, int minutes, int limit)
    {
        var now = WindowCounts.MinuteOf(clock.GetUtcNow());
        var keys = Enumerable.Range(0, minutes).Select(back => Key(metric, now.AddMinutes(-back))).ToArray();
        var scores = await bus.GetDatabase().SortedSetCombineWithScoresAsync(SetOperation.Union, keys, aggregate: Aggregate.Sum);
        return scores
            .OrderByDescending(entry => entry.Score).ThenBy(entry => entry.Element.ToString(), StringComparer.Ordinal)
            .Take(limit)
            .Select(entry => (Guid.Parse(entry.Element.ToString()), (long)entry.Score))
            .ToList();
    }

    private async Task WriteAsync(IReadOnlyList<ProductWindow> windows, List<RedisKey> replace)
    {
        var batch = bus.GetDatabase().CreateBatch();
        var writes = new List<Task>();
        if (replace.Count > 0)
        {
            writes.Add(batch.KeyDeleteAsync([.. replace]));
        }

        // One ZADD and one expiry per metric and minute, however many products changed in it.
        var now = clock.GetUtcNow();
        var scores = new Dictionary<(Metric, DateTimeOffset), List<SortedSetEntry>>();
        foreach (var window in windows.Where(window => window.WindowStart >= now - Retention))
        {
            foreach (var metric in Metrics)
            {
                var total = metric switch { Metric.Views => window.Views, Metric.Carts => window.Carts, _ => window.Purchases };
                if (total > 0)
                {
                    var entries = scores.TryGetValue((metric, window.WindowStart), out var found) ? found : scores[(metric, window.WindowStart)] = [];
                    entries.Add(new SortedSetEntry(window.ProductId.ToString(), total));
                }
            }
        }

        foreach (var ((metric, minute), entries) in scores)
        {
            writes.Add(batch.SortedSetAddAsync(Key(metric, minute), [.. entries], SortedSetWhen.GreaterThan));
            writes.Add(batch.KeyExpireAsync(Key(metric, minute), minute + Retention - now));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    private static RedisKey Key(Metric metric, DateTimeOffset minute)
        => $"analytics:top:{metric.ToString().ToLowerInvariant()}:{minute.ToUnixTimeSeconds()}";
}
