using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>The allow statements that apply to an IAM role of the template: its inline policies and the policies attached to it.</summary>
public static class RolePolicies
{
    public static IReadOnlyList<JsonObject> AllowStatements(CloudFormationTemplate template, string role)
    {
        var documents = template.ResourcesOf("AWS::IAM::Policy")
            .Where(policy => (policy.Properties["Roles"]?.AsArray() ?? []).Any(attached => CloudFormationTemplate.Target(attached) == role))
            .Select(policy => policy.Properties["PolicyDocument"])
            .Concat((template.Resource(role)["Properties"]?["Policies"]?.AsArray() ?? []).Select(inline => inline!["PolicyDocument"]));
        return documents
            .SelectMany(document => AsList(document?["Statement"]))
            .Select(statement => statement.AsObject())
            .Where(statement => (string?)statement["Effect"] == "Allow")
            .ToList();
    }

    /// <summary>Whether a statement allows <paramref name="action"/> on the resource <paramref name="resource"/> names (a logical id or an ARN).</summary>
    public static bool Allows(JsonObject statement, string action, string resource) =>
        AsList(statement["Action"]).Any(allowed => Matches((string)allowed!, action)) &&
        AsList(statement["Resource"]).Any(allowed => allowed is JsonValue literal
            ? Matches((string)literal!, resource)
            : CloudFormationTemplate.References(allowed).Any(reference => reference.Id == resource));

    public static IEnumerable<JsonNode> AsList(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.OfType<JsonNode>(),
        _ => [node],
    };

    /// <summary>IAM's wildcard match, case-insensitive as IAM compares actions.</summary>
    private static bool Matches(string pattern, string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
