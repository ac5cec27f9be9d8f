namespace Store.Hosting.Aws.Tests.DeployRules;

[Collection(UsesPublishedAppHost.Name)]
public sealed class PublishedAppHostDeployRulesTests(PublishedAppHost stack)
{
    [Theory]
    [MemberData(nameof(DeployRuleSet.Names), MemberType = typeof(DeployRuleSet))]
    public void The_published_AppHost_keeps_the_deploy_rule(string rule) =>
        Assert.Empty(DeployRuleSet.Named(rule).Violations(stack.Template));
}
