using Store.Hosting.Infrastructure.Projects;

namespace Store.Hosting.Infrastructure.Tests;

public sealed class BuildOutputTests : IDisposable
{
    private readonly DirectoryInfo project = Directory.CreateTempSubdirectory("build-output-");

    [Fact]
    public void The_assembly_built_in_the_configuration_is_found()
    {
        var assembly = Build("Debug", "net10.0");

        Assert.Equal(assembly, BuildOutput.Find(ProjectPath, "Debug"));
    }

    [Fact]
    public void Nothing_is_found_for_a_configuration_never_built() =>
        Assert.Null(BuildOutput.Find(ProjectPath, "Release"));

    [Fact]
    public void Builds_for_two_frameworks_are_ambiguous_so_nothing_is_found()
    {
        Build("Debug", "net9.0");
        Build("Debug", "net10.0");

        Assert.Null(BuildOutput.Find(ProjectPath, "Debug"));
    }

    private string ProjectPath => Path.Combine(project.FullName, "Catalog.csproj");

    private string Build(string configuration, string framework)
    {
        var folder = Directory.CreateDirectory(Path.Combine(project.FullName, "bin", configuration, framework));
        var assembly = Path.Combine(folder.FullName, "Catalog.dll");
        File.WriteAllBytes(assembly, []);
        return assembly;
    }

    public void Dispose() => project.Delete(recursive: true);
}
