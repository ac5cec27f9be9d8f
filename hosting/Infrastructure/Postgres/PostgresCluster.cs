using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure.Postgres;

/// <summary>
/// Creates a process-mode server's cluster with <c>initdb</c>. The AppHost starts this as soon as it starts, while
/// the orchestrator is still booting, so the second it takes is not spent on the way to a healthy system.
/// </summary>
internal static class PostgresCluster
{
    /// <summary>PostgreSQL refuses to run as root: as root, the cluster and the server belong to this user.</summary>
    public const string OsUser = "postgres";

    public static async Task InitializeAsync(string binFolder, string dataFolder, string password, ILogger log, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(dataFolder, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(dataFolder);
        var passwordFile = dataFolder + ".pw";
        await PrivateFile.WriteAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);
        try
        {
            if (RunsAsRoot)
            {
                await RunAsync("chown", [$"{OsUser}:{OsUser}", dataFolder, passwordFile], log, cancellationToken).ConfigureAwait(false);
            }

            await RunAsync(Path.Combine(binFolder, "initdb"),
                [$"--pgdata={dataFolder}", $"--username={PostgresServerProcessResource.UserName}", $"--pwfile={passwordFile}",
                 "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static bool RunsAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static async Task RunAsync(string command, string[] arguments, ILogger log, CancellationToken cancellationToken)
    {
        var startInfo = RunsAsRoot && command != "chown"
            ? new ProcessStartInfo("setpriv", [$"--reuid={OsUser}", $"--regid={OsUser}", "--clear-groups", "--", command, .. arguments])
            : new ProcessStartInfo(command, arguments);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

        foreach (var line in (await output.ConfigureAwait(false) + await error.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log.ClusterOutput(line);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{Path.GetFileName(command)}' exited with {process.ExitCode}; its output is in the log above.");
        }
    }
}
