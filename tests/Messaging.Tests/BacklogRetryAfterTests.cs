namespace Store.Messaging.Tests;

public sealed class BacklogRetryAfterTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(45, 4.5)]
    [InlineData(3_600, 30)]
    public void Clients_wait_a_tenth_of_the_backlogs_age_between_one_and_thirty_seconds(double backlogSeconds, double waitSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(waitSeconds), BacklogRetryAfter.For(TimeSpan.FromSeconds(backlogSeconds)));
}
