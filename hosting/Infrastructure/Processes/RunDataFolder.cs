using System.Diagnostics;
using System.Globalization;

namespace Store.Hosting.Infrastructure.Processes;

/// <summary>
/// The folder where this AppHost run keeps its local servers' data: one per run, so that an F5 run and a test run
/// can share a machine, removed when the run ends, and swept at the next start if a run died before it could.
/// </summary>
/// <remarks>
/// It lives under the temporary folder rather than the repository because, as root, PostgreSQL runs as the
/// <c>postgres</c> user, who must be able to walk every parent folder; a checkout under <c>/root</c> forbids that.
/// </remarks>
internal sealed class RunDataFolder
{
    private const string RootName = "store-infrastructure";

    private RunDataFolder(string path) => Path = path;

    public string Path { get; }

    public static RunDataFolder Create(string? root = null)
    {
        root ??= System.IO.Path.Combine(System.IO.Path.GetTempPath(), RootName);
        Directory.CreateDirectory(root);
        SweepAbandoned(root);

        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var run = Directory.CreateDirectory(System.IO.Path.Combine(root, $"{pid}-{Guid.NewGuid():N}"));
        if (!OperatingSystem.IsWindows())
        {
            run.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }

        return new RunDataFolder(run.FullName);
    }

    /// <summary>A sub-folder for one server.</summary>
    public string For(string resourceName) => System.IO.Path.Combine(Path, resourceName);

    /// <summary>Removes the run's folder; what a server still held open is left to the next start's sweep.</summary>
    public void Delete() => TryDelete(Path);

    /// <summary>Removes the folders of runs whose AppHost process is gone.</summary>
    internal static void SweepAbandoned(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var name = System.IO.Path.GetFileName(folder);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsAlive(pid))
            {
                TryDelete(folder);
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A server may still be shutting down in it; a later sweep removes it.
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
