namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>
/// A rule CloudFormation, ECS or Cloud Map enforces only while deploying, across resources, where the property
/// schema and cdk-nag cannot see it. A broken one fails a deploy midway and rolls the stack back.
/// </summary>
public interface IDeployRule
{
    string Description { get; }

    /// <summary>Each place the template breaks the rule, in words that name the resources.</summary>
    IEnumerable<string> Violations(CloudFormationTemplate cloudFormation);
}
