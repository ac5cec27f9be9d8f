using System.Reflection;

namespace Store.Data;

/// <summary>
/// SQL scripts embedded in <paramref name="Assembly"/> under <paramref name="ResourcePrefix"/>, applied in name order,
/// each once. A database can take scripts from several assemblies: the service's own and its shared libraries'.
/// </summary>
public sealed record MigrationScripts(Assembly Assembly, string ResourcePrefix)
{
    internal IEnumerable<MigrationScript> Read()
    {
        foreach (var resource in Assembly.GetManifestResourceNames()
                     .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(Assembly.GetManifestResourceStream(resource)!);
            yield return new MigrationScript(resource[ResourcePrefix.Length..], reader.ReadToEnd());
        }
    }
}
