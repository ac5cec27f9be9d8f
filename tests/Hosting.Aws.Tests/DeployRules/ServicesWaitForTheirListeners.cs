namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>
/// ECS refuses a service whose target group no listener uses yet, and CloudFormation creates in parallel whatever
/// does not depend on each other: a service behind a load balancer must depend on every listener that forwards to
/// its target groups. A listener created only under a condition cannot be named in <c>DependsOn</c> (refused when
/// the condition is false); the service must reference it inside an <c>Fn::If</c> on that condition instead.
/// </summary>
public sealed class ServicesWaitForTheirListeners : IDeployRule
{
    public string Description => "every service behind a load balancer waits for the listeners that forward to it";

    public IEnumerable<string> Violations(CloudFormationTemplate cloudFormation)
    {
        foreach (var (id, service) in cloudFormation.AllResources.Where(resource => (string?)resource.Resource["Type"] == "AWS::ECS::Service"))
        {
            var targetGroups = (service["Properties"]?["LoadBalancers"]?.AsArray() ?? [])
                .Select(balancer => CloudFormationTemplate.Target(balancer!["TargetGroupArn"]))
                .OfType<string>()
                .ToHashSet();
            var dependsOn = RolePolicies.AsList(service["DependsOn"]).Select(dependency => (string)dependency!).ToHashSet();
            var references = CloudFormationTemplate.References(service).ToList();

            foreach (var (listener, condition) in ListenersForwardingTo(cloudFormation, targetGroups))
            {
                if (condition is null)
                {
                    if (!dependsOn.Contains(listener) && references.All(reference => reference.Id != listener))
                    {
                        yield return $"{id} does not depend on {listener}, which forwards to its target group";
                    }
                }
                else if (dependsOn.Contains(listener))
                {
                    yield return $"{id} names {listener} in DependsOn, which CloudFormation refuses when {condition} is false";
                }
                else if (!references.Any(reference => reference.Id == listener && reference.Conditions.Contains(condition)))
                {
                    yield return $"{id} does not reference {listener} under Fn::If {condition}, so it may be created before that listener forwards to its target group";
                }
            }
        }
    }

    private static IEnumerable<(string Listener, string? Condition)> ListenersForwardingTo(CloudFormationTemplate cloudFormation, HashSet<string> targetGroups) =>
        from listener in cloudFormation.AllResources
        let type = (string?)listener.Resource["Type"]
        where type is "AWS::ElasticLoadBalancingV2::Listener" or "AWS::ElasticLoadBalancingV2::ListenerRule"
        let actions = listener.Resource["Properties"]?[type.EndsWith("Rule", StringComparison.Ordinal) ? "Actions" : "DefaultActions"]
        where CloudFormationTemplate.References(actions).Any(reference => targetGroups.Contains(reference.Id))
        select (listener.Id, (string?)listener.Resource["Condition"]);
}
