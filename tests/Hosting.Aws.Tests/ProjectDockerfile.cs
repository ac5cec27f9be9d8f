namespace Store.Hosting.Aws.Tests;

/// <summary>The Dockerfile every project image is built from at deploy, as the tests read it.</summary>
public static class ProjectDockerfile
{
    public static readonly string[] Lines = File.ReadAllLines(Path.Combine(PublishedAppHost.RepositoryRoot, "hosting", "Aws", "Images", "project.Dockerfile"));

    /// <summary>The <c>RUN dotnet publish</c> instruction with its continuation lines, as one line.</summary>
    public static string PublishCommand()
    {
        var start = Array.FindIndex(Lines, line => line.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        Assert.True(start >= 0, "the Dockerfile has no RUN dotnet publish");
        var end = start;
        while (Lines[end].EndsWith('\\'))
        {
            end++;
        }

        return string.Join(' ', Lines[start..(end + 1)].Select(line => line.TrimEnd('\\').Trim()));
    }

    /// <summary>The MSBuild properties (<c>-p:Name=Value</c>) the publish command sets.</summary>
    public static IEnumerable<string> PublishProperties() =>
        PublishCommand().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(argument => argument.StartsWith("-p:", StringComparison.Ordinal));
}
