using System.ComponentModel;
using System.Diagnostics;
using Aspire.Hosting.Pipelines;

namespace Store.Hosting.Aws.Publishing;

/// <summary>
/// Before <c>cdk deploy</c>: is the account bootstrapped for CDK? Without it, <c>cdk deploy</c> builds every image
/// first and fails only when it publishes them. Asks the AWS CLI for the bootstrap version parameter, with the same
/// credentials and region the CDK CLI will use.
/// </summary>
internal static class BootstrapCheck
{
    public static async Task RequireAsync(PipelineStepContext context)
    {
        var output = CdkPublisher.OutputFolder(context);
        var requirement = BootstrapRequirement.Read(Path.Combine(output, CdkCli.AssemblyFolder));
        var verdict = await AskAsync(requirement, output, context.CancellationToken).ConfigureAwait(false);
        if (verdict.StopsDeploy)
        {
            throw new InvalidOperationException(verdict.Message);
        }

        if (verdict.State == BootstrapState.Ready)
        {
            context.Logger.BootstrapChecked(verdict.Message);
        }
        else
        {
            context.Logger.BootstrapNotChecked(verdict.Message);
        }
    }

    private static async Task<BootstrapVerdict> AskAsync(BootstrapRequirement requirement, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("aws", ["ssm", "get-parameter", "--name", requirement.VersionParameter, "--output", "json"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception notStarted)
        {
            return new(BootstrapState.Unknown, $"The AWS CLI (aws) could not be started ({notStarted.Message}), so the CDK bootstrap was not checked.");
        }

        using var process = started ?? throw new InvalidOperationException("aws did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return BootstrapVerdict.Decide(requirement, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false), folder);
    }
}
