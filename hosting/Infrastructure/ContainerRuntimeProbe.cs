using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure;

/// <summary>Asks the container runtime Aspire would use whether its daemon answers.</summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static ContainerRuntimeStatus Probe(IConfiguration configuration)
    {
        // The same settings Aspire reads to pick its runtime.
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"]
            ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]
            ?? "docker";

        if (ExecutableSearch.FindOnPath(runtime) is not { } path)
        {
            return new(runtime, false, $"'{runtime}' is not on PATH");
        }

        var startInfo = new ProcessStartInfo(path, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return new(runtime, false, $"'{runtime} info' did not answer within {Timeout.TotalSeconds:0} s");
        }

        var version = output.Result.Trim();
        return process.ExitCode == 0 && version.Length > 0
            ? new(runtime, true, $"{runtime} {version}")
            : new(runtime, false, FirstLine(error.Result) ?? $"'{runtime} info' exited with {process.ExitCode}");
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
