namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>CloudFormation refuses a template with more than 60 dynamic references (<c>{{resolve:…}}</c>).</summary>
public sealed class DynamicReferenceLimit : IDeployRule
{
    public const int Limit = 60;

    public string Description => "at most 60 dynamic references in the template";

    public IEnumerable<string> Violations(CloudFormationTemplate cloudFormation)
    {
        var count = CountOf(cloudFormation.Text);
        return count > Limit ? [$"{count} dynamic references (CloudFormation takes at most {Limit})"] : [];
    }

    public static int CountOf(string text)
    {
        var count = 0;
        for (var at = text.IndexOf("{{resolve:", StringComparison.Ordinal); at >= 0; at = text.IndexOf("{{resolve:", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
