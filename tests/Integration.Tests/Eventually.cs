namespace Store.Integration.Tests;

/// <summary>Waits for a condition rather than for time: polls until it holds or the deadline passes.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>The first non-null value <paramref name="probe"/> returns; fails the test with <paramref name="what"/> if none comes in time.</summary>
    public static async Task<T> FindAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class =>
        (await UntilAsync(probe, found => found is not null, what, timeout))!;

    /// <summary>
    /// The first value of <paramref name="probe"/> that <paramref name="holds"/>; fails the test with <paramref name="what"/>
    /// and the last value seen if none does in time.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(holds);
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (holds(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{what} did not happen within {limit}; last seen: {Describe(value)}.");
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The whole value as JSON, collections inside records included, so a failure says what was seen.</summary>
    private static string Describe<T>(T value)
    {
        if (value is null or string)
        {
            return value as string ?? "nothing";
        }

        try
        {
            return System.Text.Json.JsonSerializer.Serialize<object>(value);
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return value.ToString() ?? "nothing"; // Not every type serializes (cycles, pointers): its own text then.
        }
    }
}
