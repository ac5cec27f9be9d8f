using Store.Hosting.Aws.Mapping;

namespace Store.Hosting.Aws.Tests.Unit;

public sealed class ConnectionBudgetTests
{
    [Theory]
    [InlineData("t4g.micro", 84)]
    [InlineData("t4g.small", 168)]
    [InlineData("m7g.large", 675)]
    [InlineData("r7g.large", 1351)]
    [InlineData("m7g.2xlarge", 2703)]
    [InlineData("r7g.16xlarge", 5000)]
    public void Max_connections_follow_RDS_formula_on_three_quarters_of_the_class_memory(string instanceClass, int expected) =>
        Assert.Equal(expected, ConnectionBudget.MaxConnections(instanceClass));

    [Theory]
    [InlineData("t4g.small", 28, 5)]
    [InlineData("t4g.micro", 4, 18)]
    [InlineData("r7g.16xlarge", 2, 100)]
    public void Each_task_pools_an_even_share_of_what_the_reserve_leaves(string instanceClass, int tasks, int expected) =>
        Assert.Equal(expected, ConnectionBudget.PoolSize(instanceClass, tasks));

    [Fact]
    public void A_share_too_small_to_serve_fails_the_publish_with_the_remedies()
    {
        var error = Assert.Throws<NotSupportedException>(() => ConnectionBudget.PoolSize("t4g.micro", 28));
        Assert.Contains("PublishAsRdsInstance", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxReplicas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_class_of_unknown_memory_is_refused() =>
        Assert.Throws<NotSupportedException>(() => ConnectionBudget.MaxConnections("x2g.large"));
}
