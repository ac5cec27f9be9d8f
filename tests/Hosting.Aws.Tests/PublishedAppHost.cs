using System.Reflection;
using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests;

/// <summary>
/// The real AppHost published once for the tests of the published stack (the <see cref="UsesPublishedAppHost"/> collection), the way a
/// user does it, into a temporary folder; the Node tools (CDK CLI, cdk-nag, the CloudFormation specification)
/// brought up to the pinned lock file. Unit tests stay outside that collection and never wait for it.
/// </summary>
public sealed class PublishedAppHost : IAsyncLifetime
{
    /// <summary>Handed to the AppHost as the development identity's signing key: it must never appear in the output.</summary>
    public const string KnownSecret = "aws-publish-test-secret-4f0c9a1e7b3d2c5a8e6f";

    public static readonly string RepositoryRoot = typeof(PublishedAppHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    /// <summary>The configuration these tests were built in, and so the AppHost with them.</summary>
    public static readonly string Configuration = typeof(PublishedAppHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "Configuration").Value!;

    public static string ChecksFolder => Path.Combine(RepositoryRoot, "hosting", "Aws", "checks");

    public string Output { get; } = Directory.CreateTempSubdirectory("aws-publish-").FullName;

    public string CloudAssembly => Path.Combine(Output, "cdk.out");

    public CloudFormationTemplate Template { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // From the lock file; well under a second when node_modules is already up to date.
        var npm = Tool.RunAsync("npm", ["install", "--no-audit", "--no-fund"], ChecksFolder);

        var log = await Tool.RunAsync("dotnet",
            ["run", "--project", Path.Combine(RepositoryRoot, "AppHost"), "--configuration", Configuration, "--no-build", "--no-launch-profile", "--",
             "--operation", "publish", "--step", "publish", "--output-path", Output,
             $"--Parameters:identity-signing-key={KnownSecret}"],
            RepositoryRoot);
        // A failed pipeline step still ends the AppHost with exit code 0: the missing template is the signal.
        var template = Path.Combine(CloudAssembly, "store.template.json");
        if (!File.Exists(template))
        {
            throw new InvalidOperationException($"aspire publish wrote no template:\n{log}");
        }

        Template = new CloudFormationTemplate((JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(template))!);
        await npm;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Output, recursive: true);
        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class UsesPublishedAppHost : ICollectionFixture<PublishedAppHost>
{
    public const string Name = "published stack";
}
