using System.Diagnostics;
using System.Text.Json.Nodes;
using Store.Hosting.Aws.Publishing;

namespace Store.Hosting.Aws.Tests.Unit;

/// <summary>
/// <c>aspire deploy</c> checks the CDK bootstrap before it builds any image. The answers below are the AWS CLI's own
/// (exit code, standard output, standard error of <c>aws ssm get-parameter --output json</c>); one is produced here
/// by the installed CLI.
/// </summary>
public sealed class BootstrapVerdictTests
{
    private const string Output = "/work/out";
    private static readonly BootstrapRequirement Requirement = new("/cdk-bootstrap/hnb659fds/version", 6);

    [Fact]
    public void A_bootstrap_at_the_required_version_or_later_lets_the_deploy_go_on()
    {
        var verdict = Decide(0, Parameter("21"), "");

        Assert.Equal(BootstrapState.Ready, verdict.State);
        Assert.False(verdict.StopsDeploy);
    }

    [Fact]
    public void An_account_without_the_bootstrap_parameter_stops_the_deploy_naming_the_command_to_run()
    {
        var verdict = Decide(254, "", "\nAn error occurred (ParameterNotFound) when calling the GetParameter operation: \n");

        Assert.Equal(BootstrapState.NotBootstrapped, verdict.State);
        Assert.True(verdict.StopsDeploy);
        Assert.Contains("run `npx cdk bootstrap` in /work/out", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bootstrap_older_than_the_stack_needs_stops_the_deploy()
    {
        var verdict = Decide(0, Parameter("5"), "");

        Assert.Equal(BootstrapState.Outdated, verdict.State);
        Assert.True(verdict.StopsDeploy);
        Assert.Contains("version 5", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("npx cdk bootstrap", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_stop_the_deploy_before_any_image_is_built()
    {
        var verdict = Decide(253, "", "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n");

        Assert.Equal(BootstrapState.NoCredentials, verdict.State);
        Assert.True(verdict.StopsDeploy);
    }

    [Fact]
    public void A_deployer_who_may_not_read_the_parameter_is_left_to_cdk_deploy()
    {
        var verdict = Decide(254, "", """

            An error occurred (AccessDeniedException) when calling the GetParameter operation: User: arn:aws:iam::123456789012:user/deployer is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:eu-west-1:123456789012:parameter/cdk-bootstrap/hnb659fds/version because no identity-based policy allows the ssm:GetParameter action

            """);

        Assert.Equal(BootstrapState.Unknown, verdict.State);
        Assert.False(verdict.StopsDeploy);
    }

    [Fact]
    public async Task The_installed_AWS_CLI_without_credentials_is_read_as_no_credentials()
    {
        var start = new ProcessStartInfo("aws", ["ssm", "get-parameter", "--name", Requirement.VersionParameter, "--output", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No credentials from anywhere: no profile files, no variables, no instance metadata.
        foreach (var variable in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/config";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_REGION"] = "eu-west-1";
        start.Environment["AWS_DEFAULT_REGION"] = "eu-west-1";

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("The AWS CLI is not installed here.");
            return;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            var verdict = Decide(process.ExitCode, await output, await error);
            Assert.Equal(BootstrapState.NoCredentials, verdict.State);
        }
    }

    private static BootstrapVerdict Decide(int exitCode, string output, string error) =>
        BootstrapVerdict.Decide(Requirement, exitCode, output, error, Output);

    private static string Parameter(string version) => new JsonObject
    {
        ["Parameter"] = new JsonObject
        {
            ["Name"] = Requirement.VersionParameter,
            ["Type"] = "String",
            ["Value"] = version,
            ["Version"] = 3,
            ["LastModifiedDate"] = "2026-06-02T09:14:27.511000+00:00",
            ["ARN"] = "arn:aws:ssm:eu-west-1:123456789012:parameter/cdk-bootstrap/hnb659fds/version",
            ["DataType"] = "text",
        },
    }.ToJsonString();
}
