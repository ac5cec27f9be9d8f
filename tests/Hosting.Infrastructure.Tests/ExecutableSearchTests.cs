using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExecutableSearchTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("executable-search-");

    [Fact]
    public void The_first_executable_on_PATH_wins_and_plain_files_do_not_count()
    {
        var plain = Folder("plain");
        File.WriteAllText(Path.Combine(plain, "redis-server"), "");
        var first = Executable(Folder("first"), "redis-server");
        Executable(Folder("second"), "redis-server");

        var path = string.Join(Path.PathSeparator, plain, Path.GetDirectoryName(first), Path.Combine(root.FullName, "second"));

        Assert.Equal(first, ExecutableSearch.FindOnPath("redis-server", path));
    }

    [Fact]
    public void A_missing_executable_is_not_found() =>
        Assert.Null(ExecutableSearch.FindOnPath("redis-server", Folder("empty")));

    [Fact]
    public void Postgres_on_PATH_is_followed_to_its_real_folder_so_initdb_matches_its_version()
    {
        var bin = Folder("lib/postgresql/16/bin");
        Executable(bin, "postgres");
        Executable(bin, "initdb");
        var linked = Folder("usr-local-bin");
        File.CreateSymbolicLink(Path.Combine(linked, "postgres"), Path.Combine(bin, "postgres"));

        Assert.Equal(bin, ExecutableSearch.FindPostgresBinFolder(linked, Folder("no-debian-root")));
    }

    [Fact]
    public void Without_postgres_on_PATH_the_newest_Debian_version_is_taken()
    {
        var debian = Folder("usr-lib-postgresql");
        foreach (var version in new[] { "9.6", "15", "16" })
        {
            var bin = Folder($"usr-lib-postgresql/{version}/bin");
            Executable(bin, "postgres");
            Executable(bin, "initdb");
        }

        Folder("usr-lib-postgresql/17/bin"); // client-only install: no server binaries

        Assert.Equal(Path.Combine(debian, "16", "bin"), ExecutableSearch.FindPostgresBinFolder(Folder("empty"), debian));
    }

    [Fact]
    public void No_postgres_anywhere_is_not_found() =>
        Assert.Null(ExecutableSearch.FindPostgresBinFolder(Folder("empty"), Path.Combine(root.FullName, "absent")));

    public void Dispose() => root.Delete(recursive: true);

    private string Folder(string relative) => Directory.CreateDirectory(Path.Combine(root.FullName, relative)).FullName;

    private static string Executable(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
