namespace Store.Hosting.Aws.Tests.DeployRules;

[Collection(UsesOtherAppModel.Name)]
public sealed class OtherAppModelDeployRulesTests(OtherAppModel model)
{
    [Theory]
    [MemberData(nameof(DeployRuleSet.Names), MemberType = typeof(DeployRuleSet))]
    public void Another_app_model_keeps_the_deploy_rule(string rule) =>
        Assert.Empty(DeployRuleSet.Named(rule).Violations(model.Template));
}
