namespace Store.Hosting.Infrastructure.Projects;

/// <summary>Where the SDK puts a project's main assembly by default: <c>bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;name&gt;.dll</c>.</summary>
internal static class BuildOutput
{
    /// <summary>The project's assembly built in the configuration, or null when there is not exactly one.</summary>
    public static string? Find(string projectPath, string configuration)
    {
        var configurationFolder = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration);
        if (!Directory.Exists(configurationFolder))
        {
            return null;
        }

        var assemblyName = Path.GetFileNameWithoutExtension(projectPath) + ".dll";
        var candidates = Directory.EnumerateDirectories(configurationFolder)
            .Select(framework => Path.Combine(framework, assemblyName))
            .Where(File.Exists)
            .Take(2)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }
}
