namespace Store.Hosting.Aws.Tests.Unit;

/// <summary>The Dockerfile every project image is built from at deploy.</summary>
public sealed class ImageDockerfileTests
{
    private static string[] Lines => ProjectDockerfile.Lines;

    [Fact]
    public void The_SDK_stage_runs_on_the_build_machine_and_publishes_for_the_image_architecture()
    {
        var stages = Lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:", stages[0], StringComparison.Ordinal);
        // The runtime stage is the target platform's (CDK asks for linux/amd64, as the task definition runs X86_64).
        Assert.DoesNotContain("--platform", stages[1], StringComparison.Ordinal);

        var buildStage = Lines.SkipWhile(line => line != stages[0]).TakeWhile(line => line != stages[1]).ToList();
        Assert.Contains("ARG TARGETARCH", buildStage);
        Assert.Contains("-a \"$TARGETARCH\"", PublishCommand(), StringComparison.Ordinal);
    }

    [Fact]
    public void NuGet_audit_warnings_stay_warnings_in_the_deploy_build_and_nothing_else_does()
    {
        var command = PublishCommand();

        Assert.Contains("-p:WarningsNotAsErrors=NU1900%3BNU1901%3BNU1902%3BNU1903%3BNU1904%3BNU1905", command, StringComparison.Ordinal);
        // Audit still runs and prints: neither turned off nor silenced.
        Assert.DoesNotContain("NuGetAudit=false", command, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("NoWarn", command, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TreatWarningsAsErrors", command, StringComparison.OrdinalIgnoreCase);
    }

    private static string PublishCommand() => ProjectDockerfile.PublishCommand();
}
