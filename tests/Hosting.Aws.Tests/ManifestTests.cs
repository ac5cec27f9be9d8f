using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests;

/// <summary>The Aspire manifest, which tools that deploy from manifests read, describes every resource it lists.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_manifest_has_no_error_entry_and_leaves_the_AWS_environment_out()
    {
        var output = Directory.CreateTempSubdirectory("aspire-manifest-").FullName;
        try
        {
            var log = await Tool.RunAsync("dotnet",
                ["run", "--project", Path.Combine(PublishedAppHost.RepositoryRoot, "AppHost"), "--configuration", PublishedAppHost.Configuration, "--no-build", "--no-launch-profile", "--",
                 "--publisher", "manifest", "--output-path", output],
                PublishedAppHost.RepositoryRoot);
            var file = Path.Combine(output, "aspire-manifest.json");
            Assert.True(File.Exists(file), $"no manifest written:\n{log}");

            var resources = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!["resources"]!.AsObject();
            Assert.Contains("gateway", resources.Select(resource => resource.Key));
            Assert.DoesNotContain("store", resources.Select(resource => resource.Key));
            Assert.All(resources, resource => Assert.Null(resource.Value!["error"]));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
