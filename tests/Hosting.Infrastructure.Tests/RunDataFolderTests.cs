using System.Globalization;
using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure.Tests;

public sealed class RunDataFolderTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("run-data-");

    [Fact]
    public void Each_run_gets_its_own_folder_named_after_its_process()
    {
        var first = RunDataFolder.Create(root.FullName);
        var second = RunDataFolder.Create(root.FullName);

        Assert.NotEqual(first.Path, second.Path);
        Assert.StartsWith($"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-", Path.GetFileName(first.Path), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(first.Path, "postgres"), first.For("postgres"));
    }

    [Fact]
    public void A_deleted_run_leaves_nothing_behind()
    {
        var run = RunDataFolder.Create(root.FullName);
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(run.For("redis")).FullName, "appendonly.aof"), "data");

        run.Delete();

        Assert.False(Directory.Exists(run.Path));
    }

    [Fact]
    public void Folders_of_dead_runs_are_swept_and_live_or_foreign_ones_kept()
    {
        var live = Directory.CreateDirectory(Path.Combine(root.FullName, $"{Environment.ProcessId}-live")).FullName;
        var dead = Directory.CreateDirectory(Path.Combine(root.FullName, $"{int.MaxValue}-dead")).FullName;
        var foreign = Directory.CreateDirectory(Path.Combine(root.FullName, "not-a-run")).FullName;

        RunDataFolder.SweepAbandoned(root.FullName);

        Assert.True(Directory.Exists(live));
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(foreign));
    }

    public void Dispose() => root.Delete(recursive: true);
}
