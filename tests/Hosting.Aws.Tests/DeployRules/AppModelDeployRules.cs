namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>Every deploy rule, one test each, on the template of one app model.</summary>
public abstract class AppModelDeployRules(CloudFormationTemplate template)
{
    [Theory]
    [MemberData(nameof(DeployRuleSet.Names), MemberType = typeof(DeployRuleSet))]
    public void The_template_keeps_the_deploy_rule(string rule) =>
        Assert.Empty(DeployRuleSet.Named(rule).Violations(template));
}

[Collection(UsesPublishedAppHost.Name)]
public sealed class PublishedAppHostDeployRules(PublishedAppHost stack) : AppModelDeployRules(stack.Template);

[Collection(UsesOtherAppModel.Name)]
public sealed class OtherAppModelDeployRules(OtherAppModel model) : AppModelDeployRules(model.Template);
