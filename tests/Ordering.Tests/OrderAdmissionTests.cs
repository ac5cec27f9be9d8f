using Store.Ordering.Backlog;

namespace Store.Ordering.Tests;

public sealed class OrderAdmissionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(true, 5_000, true)]
    [InlineData(true, 5_001, false)]
    [InlineData(false, 5_000, false)]
    [InlineData(false, 2_501, false)]
    [InlineData(false, 2_500, true)]
    [InlineData(false, 0, true)]
    public void Admission_closes_past_the_bound_and_opens_again_at_half_of_it(bool open, int waitMilliseconds, bool staysOpen) =>
        Assert.Equal(staysOpen, OrderAdmission.StaysOpen(open, TimeSpan.FromMilliseconds(waitMilliseconds), Bound));
}
