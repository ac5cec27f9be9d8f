namespace Store.Hosting.Infrastructure.Processes;

/// <summary>Finds locally installed server binaries.</summary>
internal static class ExecutableSearch
{
    /// <summary>Debian and Ubuntu keep PostgreSQL's server binaries off PATH, one folder per major version.</summary>
    public const string DebianPostgresRoot = "/usr/lib/postgresql";

    public static string? FindOnPath(string name, string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(IsExecutable);
    }

    /// <summary>
    /// The folder holding PostgreSQL's <c>postgres</c> and <c>initdb</c>: the one on PATH (links followed, so that
    /// both come from one version), else the newest major version under <paramref name="debianRoot"/>.
    /// </summary>
    public static string? FindPostgresBinFolder(string? path = null, string debianRoot = DebianPostgresRoot)
    {
        if (FindOnPath("postgres", path) is { } onPath)
        {
            var target = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
            var folder = Path.GetDirectoryName(target)!;
            if (IsExecutable(Path.Combine(folder, "initdb")))
            {
                return folder;
            }
        }

        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(debianRoot)
            .Select(version => (Major: decimal.TryParse(Path.GetFileName(version), out var major) ? major : -1, Bin: Path.Combine(version, "bin")))
            .Where(candidate => IsExecutable(Path.Combine(candidate.Bin, "postgres")) && IsExecutable(Path.Combine(candidate.Bin, "initdb")))
            .OrderByDescending(candidate => candidate.Major)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0);
}
