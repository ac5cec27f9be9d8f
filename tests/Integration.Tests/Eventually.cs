namespace Store.Integration.Tests;

/// <summary>Waits for a condition rather than for time: polls until it holds or the deadline passes.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The first non-null value <paramref name="probe"/> returns; fails the test with <paramref name="what"/> if none comes in time.</summary>
    public static async Task<T> FindAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{what} did not happen within {timeout ?? DefaultTimeout}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
