using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Store.Hosting.Aws.AppModel;

namespace Store.Hosting.Aws.Images;

/// <summary>
/// Prepares the build context every project image is built from at deploy: the solution's folder, copied into the
/// publish output without build output or version control, with one Dockerfile taking the project as a build
/// argument. Synthesis only stages it; Docker (or any builder <c>CDK_DOCKER</c> names) runs at <c>cdk deploy</c>.
/// </summary>
internal static class ImageSource
{
    public const string DockerfileName = "aws-project.Dockerfile";

    /// <summary>Where the image keeps the RDS certificate authorities (project.Dockerfile puts them there).</summary>
    public const string RdsCertificateBundle = "/etc/ssl/certs/rds-global-bundle.pem";
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", ".vs", ".idea", "node_modules", "TestResults", "cdk.out"];

    public static string Prepare(string sourceRoot, string outputFolder)
    {
        var target = Path.Combine(outputFolder, "source");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Copy(new DirectoryInfo(sourceRoot), target, Path.GetFullPath(outputFolder));
        WriteResource("project.Dockerfile", Path.Combine(target, DockerfileName));
        WriteResource("aws-healthcheck.sh", Path.Combine(target, "aws-healthcheck.sh"));
        return target;
    }

    /// <summary>Build arguments of one project's image.</summary>
    public static Dictionary<string, string> BuildArguments(ComputeService service, string sourceRoot)
    {
        var arguments = new Dictionary<string, string>
        {
            ["PROJECT"] = Path.GetRelativePath(sourceRoot, service.ProjectPath).Replace('\\', '/'),
            ["ASSEMBLY"] = AssemblyName(service.ProjectPath),
        };
        if (SdkVersion(sourceRoot) is { } sdk)
        {
            arguments["SDK_VERSION"] = sdk;
        }

        return arguments;
    }

    private static string? SdkVersion(string sourceRoot)
    {
        var globalJson = Path.Combine(sourceRoot, "global.json");
        return File.Exists(globalJson)
            ? JsonNode.Parse(File.ReadAllText(globalJson))?["sdk"]?["version"]?.GetValue<string>()
            : null;
    }

    private static string AssemblyName(string projectPath)
    {
        var declared = XDocument.Load(projectPath).Descendants("AssemblyName").Select(element => element.Value.Trim()).LastOrDefault();
        return string.IsNullOrEmpty(declared) ? Path.GetFileNameWithoutExtension(projectPath) : declared;
    }

    private static void Copy(DirectoryInfo source, string target, string outputFolder)
    {
        Directory.CreateDirectory(target);
        foreach (var file in source.EnumerateFiles())
        {
            file.CopyTo(Path.Combine(target, file.Name));
        }

        foreach (var folder in source.EnumerateDirectories())
        {
            // The publish output may sit inside the solution (aspire publish -o out): never copy it into itself.
            if (!SkippedFolders.Contains(folder.Name) && !string.Equals(folder.FullName, outputFolder, StringComparison.Ordinal))
            {
                Copy(folder, Path.Combine(target, folder.Name), outputFolder);
            }
        }
    }

    private static void WriteResource(string name, string path)
    {
        using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var file = File.Create(path);
        resource.CopyTo(file);
    }
}
