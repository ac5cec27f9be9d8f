namespace Store.Hosting.Aws.Tests;

/// <summary>The published output works with the tools that deploy and audit it, with no AWS credentials or network.</summary>
[Collection(UsesPublishedAppHost.Name)]
public sealed class CdkToolingTests(PublishedAppHost stack)
{
    private static string Cdk => Path.Combine(PublishedAppHost.ChecksFolder, "node_modules", ".bin", "cdk");

    [Fact]
    public async Task The_CDK_CLI_lists_and_synthesizes_the_published_cloud_assembly()
    {
        var stacks = await Tool.RunAsync(Cdk, ["ls", "--app", stack.CloudAssembly], stack.Output);
        Assert.Equal(["store"], stacks.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var template = await Tool.RunAsync(Cdk, ["synth", "--app", stack.CloudAssembly, "store"], stack.Output);
        Assert.Contains("AWS::ECS::Service", template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cdk_nag_AwsSolutions_rules_find_nothing_that_is_not_acknowledged_with_a_reason()
    {
        var report = await Tool.RunAsync("node", [Path.Combine(PublishedAppHost.ChecksFolder, "nag.mjs"), stack.CloudAssembly], stack.Output);
        Assert.Contains("cdk-nag: 0 unacknowledged", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_resource_property_matches_the_CloudFormation_resource_specification()
    {
        // CloudFormation never sees the template here: this catches what it would refuse (unknown or miscased
        // properties, missing required ones), inside Fn::If branches too.
        var report = await Tool.RunAsync("node", [Path.Combine(PublishedAppHost.ChecksFolder, "schema.mjs"), stack.CloudAssembly], stack.Output);
        Assert.Contains("cloudformation schema: 0 findings", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bootstrap_check_reads_what_the_cloud_assembly_requires_of_the_account()
    {
        var requirement = Store.Hosting.Aws.Publishing.BootstrapRequirement.Read(stack.CloudAssembly);

        Assert.Equal("/cdk-bootstrap/hnb659fds/version", requirement.VersionParameter);
        Assert.Equal(6, requirement.MinimumVersion);
    }

    [Fact]
    public void The_output_pins_the_CDK_CLI_that_deploys_it()
    {
        Assert.Contains("\"aws-cdk\": \"2.1148.1\"", File.ReadAllText(Path.Combine(stack.Output, "package.json")), StringComparison.Ordinal);
        Assert.Contains("\"app\": \"cdk.out\"", File.ReadAllText(Path.Combine(stack.Output, "cdk.json")), StringComparison.Ordinal);
    }
}
