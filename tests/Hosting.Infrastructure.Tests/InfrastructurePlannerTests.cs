namespace Store.Hosting.Infrastructure.Tests;

public sealed class InfrastructurePlannerTests
{
    private static readonly ContainerRuntimeStatus Answering = new("docker", true, "docker 28.2.2");
    private static readonly ContainerRuntimeStatus Silent = new("docker", false, "Cannot connect to the Docker daemon");

    [Theory]
    [InlineData(null, InfrastructureMode.Auto)]
    [InlineData("", InfrastructureMode.Auto)]
    [InlineData("auto", InfrastructureMode.Auto)]
    [InlineData("Containers", InfrastructureMode.Containers)]
    [InlineData(" PROCESSES ", InfrastructureMode.Processes)]
    public void The_mode_setting_is_read_by_name_in_any_case(string? setting, InfrastructureMode expected) =>
        Assert.Equal(expected, InfrastructurePlanner.ParseMode(setting));

    [Theory]
    [InlineData("docker")]
    [InlineData("1")]
    [InlineData("process")]
    public void An_unknown_mode_setting_fails_naming_the_valid_ones(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => InfrastructurePlanner.ParseMode(setting));
        Assert.Contains("auto, containers, processes", error.Message, StringComparison.Ordinal);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InfrastructureMode.Auto)]
    [InlineData(InfrastructureMode.Processes)]
    public void Publishing_always_plans_containers_without_probing(InfrastructureMode requested)
    {
        var plan = InfrastructurePlanner.Plan(requested, isPublishing: true, probeRuntime: NotProbed);
        Assert.Equal(InfrastructureMode.Containers, plan.Mode);
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void Processes_when_forced_need_no_probe() =>
        Assert.Equal(InfrastructureMode.Processes, InfrastructurePlanner.Plan(InfrastructureMode.Processes, false, NotProbed).Mode);

    [Fact]
    public void Auto_takes_containers_when_the_runtime_answers()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Auto, false, () => Answering);
        Assert.Equal(InfrastructureMode.Containers, plan.Mode);
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void Auto_falls_back_to_processes_and_says_why()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Auto, false, () => Silent);
        Assert.Equal(InfrastructureMode.Processes, plan.Mode);
        Assert.Contains("Cannot connect to the Docker daemon", plan.Reason, StringComparison.Ordinal);
        Assert.Null(plan.Problem);
    }

    [Fact]
    public void Forced_containers_without_a_runtime_carry_a_problem_that_says_what_to_do()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Containers, false, () => Silent);
        Assert.Equal(InfrastructureMode.Containers, plan.Mode);
        Assert.NotNull(plan.Problem);
        Assert.Contains("Start docker", plan.Problem, StringComparison.Ordinal);
        Assert.Contains("Infrastructure:Mode=processes", plan.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Forced_containers_with_a_runtime_have_no_problem() =>
        Assert.Null(InfrastructurePlanner.Plan(InfrastructureMode.Containers, false, () => Answering).Problem);

    private static ContainerRuntimeStatus NotProbed() => throw new InvalidOperationException("The runtime must not be probed.");
}
