using System.Collections.Concurrent;

namespace Store.Messaging.Consumers;

/// <summary>
/// Runs messages about different subjects concurrently, up to a limit, and messages about one subject one after
/// another in the order they were given: one order's events never overtake each other, and a slow message holds
/// up only its own subject. Fed by a single reader loop.
/// </summary>
internal sealed class SubjectLanes(int maxConcurrency) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);
    private readonly ConcurrentDictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public int Free => _slots.CurrentCount;

    /// <summary>Returns once some message has finished and a slot is free again.</summary>
    public async Task WaitForFreeSlotAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        _slots.Release();
    }

    /// <summary>Queues <paramref name="work"/> behind the subject's earlier messages; false when that message is already in hand.</summary>
    /// <param name="work">Must not throw: what goes wrong is the caller's to record.</param>
    public Task<bool> RunAsync(string messageId, string subject, Func<Task> work, CancellationToken cancellationToken)
        => RunAsync([messageId], [subject], work, cancellationToken);

    /// <summary>
    /// Queues <paramref name="work"/> on several messages about different subjects, in one slot: it starts once every
    /// subject's earlier messages are done, and each subject's later messages wait for it. False when one of the messages
    /// is already in hand (then nothing is queued).
    /// </summary>
    /// <param name="work">Must not throw: what goes wrong is the caller's to record.</param>
    public async Task<bool> RunAsync(IReadOnlyList<string> messageIds, IReadOnlyList<string> subjects, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentNullException.ThrowIfNull(subjects);
        for (var i = 0; i < messageIds.Count; i++)
        {
            if (!_inFlight.TryAdd(messageIds[i], 0))
            {
                for (var taken = 0; taken < i; taken++)
                {
                    _inFlight.TryRemove(messageIds[taken], out _);
                }

                return false;
            }
        }

        await _slots.WaitAsync(cancellationToken);
        // Tasks are queued by the one reader loop, in stream order: a run only ever waits for runs queued before it.
        var previous = subjects.Select(subject => _tails.GetValueOrDefault(subject) ?? Task.CompletedTask).ToArray();
        var task = AfterAsync(previous, work, messageIds);
        foreach (var subject in subjects)
        {
            _tails[subject] = task;
            _ = task.ContinueWith(done => _tails.TryRemove(new KeyValuePair<string, Task>(subject, done)), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return true;
    }

    /// <summary>Waits for every message in hand to finish.</summary>
    public Task DrainAsync() => Task.WhenAll(_tails.Values);

    public void Dispose() => _slots.Dispose();

    private async Task AfterAsync(Task[] previous, Func<Task> work, IReadOnlyList<string> messageIds)
    {
        try
        {
            await Task.WhenAll(previous).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await work();
        }
        finally
        {
            foreach (var messageId in messageIds)
            {
                _inFlight.TryRemove(messageId, out _);
            }

            _slots.Release();
        }
    }
}
