using System.ComponentModel;
using System.Diagnostics;
using Aspire.Hosting.Pipelines;

namespace Store.Hosting.Aws.Publishing;

/// <summary>
/// The npm <c>aws-cdk</c> CLI, pinned in the output's <c>package.json</c>, run on the published cloud assembly.
/// Credentials and region come from the usual AWS sources (profile, environment, SSO).
/// </summary>
internal static class CdkCli
{
    public const string AssemblyFolder = "cdk.out";

    // The CLI version that reads the cloud assembly CDK 2.160 writes; pinned so deploys are repeatable.
    private const string CliVersion = "2.1148.1";

    public static async Task WriteProjectFilesAsync(string output, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(output, "package.json"), $$"""
            {
              "name": "aws-cdk-deployment",
              "private": true,
              "description": "The CDK CLI that deploys the cloud assembly in cdk.out (written by aspire publish)",
              "devDependencies": { "aws-cdk": "{{CliVersion}}" }
            }
            """, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(output, "cdk.json"), $$"""{ "app": "{{AssemblyFolder}}" }""", cancellationToken).ConfigureAwait(false);
    }

    public static async Task RunAsync(PipelineStepContext context, params string[] arguments)
    {
        var output = CdkPublisher.OutputFolder(context);
        var cli = Path.Combine(output, "node_modules", ".bin", "cdk");
        if (!File.Exists(cli))
        {
            await RunProcessAsync(context, output, "npm", ["install", "--no-audit", "--no-fund"]).ConfigureAwait(false);
        }

        await RunProcessAsync(context, output, cli, [.. arguments, "--app", AssemblyFolder]).ConfigureAwait(false);
    }

    /// <summary>Synthesis runs the CDK in Node through jsii: say so plainly when Node is missing, before jsii fails obscurely.</summary>
    public static Task RequireNodeAsync(PipelineStepContext context, string folder) =>
        RunProcessAsync(context, folder, "node", ["--version"]);

    private static async Task RunProcessAsync(PipelineStepContext context, string folder, string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException(
                $"'{command}' could not be started ({error.Message}). Publishing to AWS needs Node.js 20 or later with npm on PATH " +
                "(the CDK runs in Node; the CDK CLI is an npm package).", error);
        }

        using var process = started ?? throw new InvalidOperationException($"{command} did not start.");
        process.OutputDataReceived += (_, line) => Log(context, line.Data);
        process.ErrorDataReceived += (_, line) => Log(context, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(context.CancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command} {string.Join(' ', arguments)}' in {folder} failed with exit code {process.ExitCode}.");
        }
    }

    private static void Log(PipelineStepContext context, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            context.Logger.CdkOutput(line);
        }
    }
}
