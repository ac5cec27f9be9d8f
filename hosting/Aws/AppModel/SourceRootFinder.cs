namespace Store.Hosting.Aws.AppModel;

/// <summary>Finds the folder a project's image is built from: the solution's, so shared build files come along.</summary>
internal static class SourceRootFinder
{
    public static string Find(string appHostDirectory, IEnumerable<string> projectPaths)
    {
        var folders = projectPaths.Select(path => Path.GetDirectoryName(Path.GetFullPath(path))!).Append(Path.GetFullPath(appHostDirectory)).ToList();
        var common = folders.Aggregate(CommonAncestor);

        for (var folder = new DirectoryInfo(common); folder is not null; folder = folder.Parent)
        {
            if (IsSolutionRoot(folder))
            {
                return folder.FullName;
            }
        }

        return common;
    }

    private static bool IsSolutionRoot(DirectoryInfo folder) =>
        folder.EnumerateFiles("*.sln").Any() || folder.EnumerateFiles("*.slnx").Any() || File.Exists(Path.Combine(folder.FullName, "global.json"));

    private static string CommonAncestor(string left, string right)
    {
        var a = left.TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
        var b = right.TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
        var shared = a.Zip(b).TakeWhile(pair => pair.First == pair.Second).Count();
        var joined = string.Join(Path.DirectorySeparatorChar, a.Take(shared));
        return joined.Length == 0 ? Path.GetPathRoot(left)! : joined;
    }
}
