using System.Globalization;

namespace Store.Hosting.Aws.Mapping;

/// <summary>App-model names (lowercase, hyphenated) as construct ids and CloudFormation names (alphanumeric).</summary>
internal static class StackNames
{
    public static string Pascal(string name) =>
        string.Concat(name.Split('-', '_', '.').Where(part => part.Length > 0)
            .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}
