using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Publishing;

/// <summary>
/// What the synthesized stacks ask of the account: the lowest CDK bootstrap version they deploy with, and the SSM
/// parameter where the bootstrap stack records its version. Read from the cloud assembly's <c>manifest.json</c>,
/// where CDK writes both for every stack.
/// </summary>
internal sealed record BootstrapRequirement(string VersionParameter, int MinimumVersion)
{
    public static BootstrapRequirement Read(string cloudAssembly)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(cloudAssembly, "manifest.json")))!;
        var stacks = manifest["artifacts"]!.AsObject()
            .Select(artifact => artifact.Value!)
            .Where(artifact => (string?)artifact["type"] == "aws:cloudformation:stack")
            .Select(artifact => artifact["properties"]!)
            .ToList();
        if (stacks.Count == 0)
        {
            throw new InvalidOperationException($"{cloudAssembly} holds no stack to deploy.");
        }

        return new(
            stacks.Select(stack => (string)stack["bootstrapStackVersionSsmParameter"]!).Distinct().Single(),
            stacks.Max(stack => (int)stack["requiresBootstrapStackVersion"]!));
    }
}
