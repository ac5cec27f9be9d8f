using System.Collections.Concurrent;
using Store.Messaging.Consumers;

namespace Store.Messaging.Tests;

public sealed class SubjectLanesTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_about_one_subject_run_in_the_order_given()
    {
        using var lanes = new SubjectLanes(maxConcurrency: 8);
        var seen = new ConcurrentQueue<int>();

        for (var i = 0; i < 20; i++)
        {
            var n = i;
            await lanes.RunAsync($"events:ordering/{n}-0", "order/1", async () =>
            {
                await Task.Delay(Random.Shared.Next(0, 3), Cancellation);
                seen.Enqueue(n);
            }, Cancellation);
        }

        await lanes.DrainAsync();
        Assert.Equal(Enumerable.Range(0, 20), seen);
    }

    [Fact]
    public async Task Messages_about_different_subjects_run_at_the_same_time()
    {
        using var lanes = new SubjectLanes(maxConcurrency: 4);
        var running = 0;
        var most = 0;

        for (var i = 0; i < 4; i++)
        {
            await lanes.RunAsync($"events:ordering/{i}-0", $"order/{i}", async () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Delay(50, Cancellation);
                Interlocked.Decrement(ref running);
            }, Cancellation);
        }

        await lanes.DrainAsync();
        Assert.Equal(4, most);
    }

    [Fact]
    public async Task A_message_already_in_hand_is_not_taken_twice_but_the_same_entry_id_of_another_stream_is()
    {
        using var lanes = new SubjectLanes(maxConcurrency: 4);
        var release = new TaskCompletionSource();

        Assert.True(await lanes.RunAsync("events:catalog/1764300000000-0", "order/1", () => release.Task, Cancellation));
        Assert.False(await lanes.RunAsync("events:catalog/1764300000000-0", "order/1", () => Task.CompletedTask, Cancellation));
        Assert.True(await lanes.RunAsync("events:payments/1764300000000-0", "order/2", () => Task.CompletedTask, Cancellation));

        release.SetResult();
        await lanes.DrainAsync();
        Assert.Equal(4, lanes.Free);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task A_run_over_several_subjects_waits_for_each_subjects_earlier_message_and_holds_up_their_later_ones()
    {
        using var lanes = new SubjectLanes(maxConcurrency: 4);
        var seen = new ConcurrentQueue<string>();
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await lanes.RunAsync("s/1-0", "order/a", async () =>
        {
            await releaseFirst.Task;
            seen.Enqueue("a1");
        }, Cancellation);
        await lanes.RunAsync(["s/2-0", "s/3-0"], ["order/a", "order/b"], () =>
        {
            seen.Enqueue("run");
            return Task.CompletedTask;
        }, Cancellation);
        await lanes.RunAsync("s/4-0", "order/b", () =>
        {
            seen.Enqueue("b2");
            return Task.CompletedTask;
        }, Cancellation);

        releaseFirst.SetResult();
        await lanes.DrainAsync();
        Assert.Equal(["a1", "run", "b2"], seen);
    }

    [Fact]
    public async Task A_run_with_a_message_already_in_hand_is_not_queued()
    {
        using var lanes = new SubjectLanes(maxConcurrency: 4);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await lanes.RunAsync("s/1-0", "order/a", () => release.Task, Cancellation);

        var queued = await lanes.RunAsync(["s/2-0", "s/1-0"], ["order/b", "order/a"], () => Task.CompletedTask, Cancellation);
        release.SetResult();
        await lanes.DrainAsync();

        Assert.False(queued);
        Assert.True(await lanes.RunAsync("s/2-0", "order/b", () => Task.CompletedTask, Cancellation), "The refused run left its other message marked as in hand.");
        await lanes.DrainAsync();
    }
}
