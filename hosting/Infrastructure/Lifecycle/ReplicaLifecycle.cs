using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Lifecycle;

/// <summary>
/// What <see cref="RestartOnFailure"/> knows of one replica from its snapshots: when it last started, whether it was
/// asked to stop, and how often it crashed. A crash is an exit with a failure code that nobody asked for; each run
/// crashes at most once however many snapshots repeat its end.
/// </summary>
internal sealed class ReplicaLifecycle
{
    private DateTime? started;
    private DateTime? crashedRun;
    private bool stopRequested;
    private int crashesInARow;
    private int restarts;

    /// <summary>The restart this snapshot calls for, or null.</summary>
    public Restart? Observe(CustomResourceSnapshot snapshot)
    {
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.Stopping)
        {
            stopRequested = true;
        }
        else if ((state == KnownResourceStates.Starting || state == KnownResourceStates.Running) && snapshot.StartTimeStamp != started)
        {
            started = snapshot.StartTimeStamp;
            stopRequested = false;
        }
        else if ((state == KnownResourceStates.Finished || state == KnownResourceStates.Exited)
            && snapshot.ExitCode is { } exitCode and not 0 && !stopRequested && crashedRun != started)
        {
            crashedRun = started;
            var ran = (snapshot.StopTimeStamp ?? DateTime.UtcNow) - (started ?? DateTime.UtcNow);
            crashesInARow = RestartBackoff.CrashesInARow(crashesInARow, ran);
            return new Restart(exitCode, ++restarts, RestartBackoff.DelayBefore(crashesInARow));
        }

        return null;
    }
}

/// <summary>A crash, the how-many-th restart it is, and the wait before it (null: the replica stays down).</summary>
internal sealed record Restart(int ExitCode, int Count, TimeSpan? Delay);
