using Amazon.CDK;
using Constructs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// Records, in the template next to the resource, why cdk-nag AwsSolutions findings are accepted (the
/// <c>cdk_nag</c> metadata cdk-nag reads). The checker fails on every finding without such a reason.
/// </summary>
internal static class NagAcknowledgement
{
    /// <param name="findings">Every accepted rule of this resource, in one call: the metadata is written whole.</param>
    public static void Acknowledge(IConstruct construct, params (string Rule, string Reason)[] findings)
    {
        var resource = construct as CfnResource ?? (CfnResource)construct.Node.DefaultChild!;
        resource.AddMetadata("cdk_nag", new Dictionary<string, object>
        {
            ["rules_to_suppress"] = findings
                .Select(finding => new Dictionary<string, object> { ["id"] = $"AwsSolutions-{finding.Rule}", ["reason"] = finding.Reason })
                .ToArray(),
        });
    }
}
