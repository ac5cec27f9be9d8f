using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>
/// ECS reads a task's secrets with its execution role when it starts the task: a secret the role may not read
/// leaves the service at zero running tasks until the deployment circuit breaker rolls the stack back.
/// Secrets Manager values need <c>secretsmanager:GetSecretValue</c>, SSM parameters <c>ssm:GetParameters</c>.
/// </summary>
public sealed class SecretsReadableByExecutionRole : IDeployRule
{
    public string Description => "every secret of a task is readable by its execution role";

    public IEnumerable<string> Violations(CloudFormationTemplate cloudFormation)
    {
        foreach (var (task, properties) in cloudFormation.ResourcesOf("AWS::ECS::TaskDefinition"))
        {
            var secrets = properties["ContainerDefinitions"]!.AsArray()
                .SelectMany(container => container!["Secrets"]?.AsArray() ?? [])
                .Select(secret => (Name: (string)secret!["Name"]!, From: secret["ValueFrom"]!))
                .ToList();
            if (secrets.Count == 0)
            {
                continue;
            }

            if (CloudFormationTemplate.Target(properties["ExecutionRoleArn"]) is not { } role)
            {
                yield return $"{task} has secrets but no execution role of the template";
                continue;
            }

            var statements = RolePolicies.AllowStatements(cloudFormation, role);
            foreach (var (name, from) in secrets)
            {
                foreach (var (action, resource) in Sources(cloudFormation, from))
                {
                    if (!statements.Any(statement => RolePolicies.Allows(statement, action, resource)))
                    {
                        yield return $"{task}: {name} comes from {resource}, but its execution role {role} is not allowed {action} on it";
                    }
                }
            }
        }
    }

    /// <summary>What reading a secret's value takes: the action and the resource (a logical id, or the ARN as written).</summary>
    private static IEnumerable<(string Action, string Resource)> Sources(CloudFormationTemplate cloudFormation, JsonNode from)
    {
        if (from is JsonValue literal)
        {
            // A Secrets Manager ARN may name a JSON key after the secret's own ARN (…:secret:name:key::); IAM grants the secret.
            var arn = string.Join(':', ((string)literal!).Split(':').Take(7));
            return [(arn.Contains(":ssm:", StringComparison.Ordinal) ? "ssm:GetParameters" : "secretsmanager:GetSecretValue", arn)];
        }

        return CloudFormationTemplate.References(from)
            .Select(reference => (cloudFormation.TypeOf(reference.Id), reference.Id))
            .Where(reference => reference.Item1 is "AWS::SecretsManager::Secret" or "AWS::SSM::Parameter")
            .Select(reference => (reference.Item1 == "AWS::SSM::Parameter" ? "ssm:GetParameters" : "secretsmanager:GetSecretValue", reference.Id))
            .Distinct();
    }
}
