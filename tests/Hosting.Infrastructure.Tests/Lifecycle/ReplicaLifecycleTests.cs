using Store.Hosting.Infrastructure.Lifecycle;

namespace Store.Hosting.Infrastructure.Tests.Lifecycle;

public sealed class ReplicaLifecycleTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_replica_that_dies_with_a_failure_code_is_restarted_once_however_often_its_end_is_reported()
    {
        var lifecycle = new ReplicaLifecycle();
        lifecycle.Observe(Snapshot(KnownResourceStates.Running, Start));

        var restart = lifecycle.Observe(Snapshot(KnownResourceStates.Finished, Start, exitCode: 137, stopped: Start.AddSeconds(3)));
        var repeated = lifecycle.Observe(Snapshot(KnownResourceStates.Finished, Start, exitCode: 137, stopped: Start.AddSeconds(3)));

        Assert.Equal(new Restart(137, 1, TimeSpan.FromSeconds(1)), restart);
        Assert.Null(repeated);
    }

    [Fact]
    public void A_replica_asked_to_stop_stays_stopped_even_when_it_had_to_be_killed()
    {
        var lifecycle = new ReplicaLifecycle();
        lifecycle.Observe(Snapshot(KnownResourceStates.Running, Start));
        lifecycle.Observe(Snapshot(KnownResourceStates.Stopping, Start));

        Assert.Null(lifecycle.Observe(Snapshot(KnownResourceStates.Finished, Start, exitCode: 137, stopped: Start.AddSeconds(3))));
    }

    [Fact]
    public void A_replica_that_exits_cleanly_stays_stopped() =>
        Assert.Null(new ReplicaLifecycle().Observe(Snapshot(KnownResourceStates.Finished, Start, exitCode: 0, stopped: Start.AddSeconds(3))));

    [Fact]
    public void Started_again_after_a_stop_a_replica_that_crashes_is_restarted()
    {
        var lifecycle = new ReplicaLifecycle();
        lifecycle.Observe(Snapshot(KnownResourceStates.Running, Start));
        lifecycle.Observe(Snapshot(KnownResourceStates.Stopping, Start));
        lifecycle.Observe(Snapshot(KnownResourceStates.Finished, Start, exitCode: 0, stopped: Start.AddSeconds(3)));
        var again = Start.AddMinutes(1);
        lifecycle.Observe(Snapshot(KnownResourceStates.Running, again));

        Assert.NotNull(lifecycle.Observe(Snapshot(KnownResourceStates.Finished, again, exitCode: 1, stopped: again.AddSeconds(3))));
    }

    [Fact]
    public void Crashes_soon_after_each_start_back_off_until_the_replica_is_left_down()
    {
        var lifecycle = new ReplicaLifecycle();
        var restarts = new List<Restart?>();
        for (var run = 0; run <= RestartBackoff.Limit; run++)
        {
            var started = Start.AddMinutes(run);
            lifecycle.Observe(Snapshot(KnownResourceStates.Running, started));
            restarts.Add(lifecycle.Observe(Snapshot(KnownResourceStates.Finished, started, exitCode: 1, stopped: started.AddSeconds(2))));
        }

        Assert.Equal([1, 2, 4, 8, 16, null], restarts.Select(restart => restart?.Delay?.TotalSeconds));
        Assert.Equal(RestartBackoff.Limit + 1, restarts[^1]!.Count);
    }

    private static CustomResourceSnapshot Snapshot(string state, DateTime started, int? exitCode = null, DateTime? stopped = null) => new()
    {
        ResourceType = "Executable",
        Properties = [],
        State = state,
        StartTimeStamp = started,
        StopTimeStamp = stopped,
        ExitCode = exitCode,
    };
}
