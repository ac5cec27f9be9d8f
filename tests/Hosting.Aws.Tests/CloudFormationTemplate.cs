using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests;

/// <summary>Reads a synthesized CloudFormation template the way the tests ask about it.</summary>
public sealed class CloudFormationTemplate(JsonObject template)
{
    public string Text { get; } = template.ToJsonString();

    public JsonObject Parameters => template[nameof(Parameters)]!.AsObject();

    public IEnumerable<(string Id, JsonObject Properties)> ResourcesOf(string type) =>
        template["Resources"]!.AsObject()
            .Where(resource => (string?)resource.Value!["Type"] == type)
            .Select(resource => (resource.Key, resource.Value!["Properties"]?.AsObject() ?? []));

    public JsonObject Resource(string id) => template["Resources"]![id]!.AsObject();

    /// <summary>Every resource with its logical id: type, properties, condition, dependencies, metadata.</summary>
    public IEnumerable<(string Id, JsonObject Resource)> AllResources =>
        template["Resources"]!.AsObject().Select(resource => (resource.Key, resource.Value!.AsObject()));

    public string? TypeOf(string id) => (string?)template["Resources"]![id]?["Type"];

    /// <summary>The logical id a <c>Ref</c> or <c>Fn::GetAtt</c> points at.</summary>
    public static string? Target(JsonNode? node) =>
        node?["Ref"]?.GetValue<string>() ?? node?["Fn::GetAtt"]?[0]?.GetValue<string>();

    /// <summary>Each project's task definition (one an ECS service runs), by the name of its main container (the resource's name).</summary>
    public IReadOnlyDictionary<string, (string Id, JsonObject Task)> TaskDefinitions
    {
        get
        {
            var served = ResourcesOf("AWS::ECS::Service").Select(service => Target(service.Properties["TaskDefinition"])).ToHashSet();
            return ResourcesOf("AWS::ECS::TaskDefinition").Where(task => served.Contains(task.Id)).ToDictionary(
                task => (string)task.Properties["ContainerDefinitions"]![0]!["Name"]!,
                task => (task.Id, task.Properties));
        }
    }

    /// <summary>
    /// A value as one string: <c>Fn::Join</c>s joined, references written <c>${Ref:id}</c> and <c>${GetAtt:id.attribute}</c>,
    /// so that a secret's JSON built at deploy can be read as JSON.
    /// </summary>
    public static string Flatten(JsonNode? node) => node switch
    {
        JsonValue value => value.ToString(),
        JsonObject join when join["Fn::Join"] is JsonArray parts =>
            string.Join((string)parts[0]!, parts[1]!.AsArray().Select(Flatten)),
        JsonObject reference when reference["Ref"] is not null => $"${{Ref:{reference["Ref"]}}}",
        JsonObject attribute when attribute["Fn::GetAtt"] is JsonArray path => $"${{GetAtt:{path[0]}.{path[1]}}}",
        _ => throw new NotSupportedException($"Cannot flatten {node?.ToJsonString()}"),
    };

    /// <summary>The fields of a Secrets Manager secret whose string the stack builds at deploy.</summary>
    public IReadOnlyDictionary<string, string> SecretFields(string secretId) =>
        JsonNode.Parse(Flatten(Resource(secretId)["Properties"]!["SecretString"]))!.AsObject()
            .ToDictionary(field => field.Key, field => (string)field.Value!);

    /// <summary>
    /// Every logical id a <c>Ref</c> or <c>Fn::GetAtt</c> anywhere inside <paramref name="node"/> points at, with the
    /// conditions of the <c>Fn::If</c> branches it sits in (the true branch of <c>[C, a, b]</c> under C).
    /// </summary>
    public static IEnumerable<(string Id, IReadOnlySet<string> Conditions)> References(JsonNode? node) => References(node, new HashSet<string>());

    private static IEnumerable<(string Id, IReadOnlySet<string> Conditions)> References(JsonNode? node, IReadOnlySet<string> conditions)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(item => References(item, conditions));
        }

        if (node is not JsonObject json)
        {
            return [];
        }

        if (Target(json) is { } target && json.Count == 1)
        {
            return [(target, conditions)];
        }

        if (json["Fn::If"] is JsonArray { Count: 3 } branches)
        {
            var condition = (string)branches[0]!;
            return References(branches[1], new HashSet<string>(conditions) { condition }).Concat(References(branches[2], conditions));
        }

        return json.SelectMany(property => References(property.Value, conditions));
    }

    public static JsonObject Container(JsonObject task, string name) =>
        task["ContainerDefinitions"]!.AsArray().Single(container => (string?)container!["Name"] == name)!.AsObject();

    public static IReadOnlyDictionary<string, JsonNode> Environment(JsonObject container) =>
        (container["Environment"]?.AsArray() ?? []).ToDictionary(variable => (string)variable!["Name"]!, variable => variable!["Value"]!);

    public static IReadOnlySet<string> SecretNames(JsonObject container) =>
        (container["Secrets"]?.AsArray() ?? []).Select(secret => (string)secret!["Name"]!).ToHashSet();
}
