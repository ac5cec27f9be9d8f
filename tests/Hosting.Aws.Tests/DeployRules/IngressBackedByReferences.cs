using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>
/// No port open that nobody needs: every security-group ingress rule is backed by what the template says the
/// source talks to. A service may reach a store or another service only when its configuration (task definition
/// and the secrets it reads) points there, as the app model's references put it; a load balancer only a service
/// its listeners forward to; an address range only a public load balancer, on a port it listens on.
/// </summary>
public sealed class IngressBackedByReferences : IDeployRule
{
    private const string OneOffTask = "Custom::AWS";

    public string Description => "every security-group ingress is backed by a reference";

    public IEnumerable<string> Violations(CloudFormationTemplate cloudFormation)
    {
        var owners = SecurityGroupOwners(cloudFormation);
        foreach (var (group, rule) in Rules(cloudFormation))
        {
            var port = (int?)rule["FromPort"];
            if (!owners.TryGetValue(group, out var target))
            {
                yield return $"ingress on {group}:{port}, a security group nothing in the template uses";
                continue;
            }

            if (rule["CidrIp"] is not null || rule["CidrIpv6"] is not null)
            {
                if (!IsPublicListener(cloudFormation, target, port))
                {
                    yield return $"{target} is open to {rule["CidrIp"] ?? rule["CidrIpv6"]} on {port}, and is no internet-facing load balancer listening there";
                }

                continue;
            }

            var sourceGroup = CloudFormationTemplate.Target(rule["SourceSecurityGroupId"]);
            if (sourceGroup is null || !owners.TryGetValue(sourceGroup, out var source))
            {
                yield return $"{target} admits {sourceGroup ?? rule["SourceSecurityGroupId"]?.ToJsonString()} on {port}, a source nothing in the template uses";
                continue;
            }

            if (!Reaches(cloudFormation, source, target))
            {
                yield return $"{target} admits {source} on {port}, but nothing in {source}'s configuration points at {target}";
            }
        }
    }

    /// <summary>Security group → the resource it protects (a service, a database, a cache, a load balancer).</summary>
    private static Dictionary<string, string> SecurityGroupOwners(CloudFormationTemplate cloudFormation)
    {
        var owners = new Dictionary<string, string>();
        void Own(string resource, JsonNode? groups)
        {
            foreach (var group in RolePolicies.AsList(groups))
            {
                if (CloudFormationTemplate.Target(group) is { } id)
                {
                    owners[id] = resource;
                }
            }
        }

        foreach (var (id, service) in cloudFormation.ResourcesOf("AWS::ECS::Service"))
        {
            Own(id, service["NetworkConfiguration"]?["AwsvpcConfiguration"]?["SecurityGroups"]);
        }

        foreach (var (id, instance) in cloudFormation.ResourcesOf("AWS::RDS::DBInstance"))
        {
            Own(id, instance["VPCSecurityGroups"]);
        }

        foreach (var (id, cache) in cloudFormation.ResourcesOf("AWS::ElastiCache::ReplicationGroup"))
        {
            Own(id, cache["SecurityGroupIds"]);
        }

        foreach (var (id, balancer) in cloudFormation.ResourcesOf("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        {
            Own(id, balancer["SecurityGroups"]);
        }

        // A one-off task a custom resource runs at deploy (the database setup): its security group is in the RunTask call.
        foreach (var (id, custom) in cloudFormation.ResourcesOf(OneOffTask))
        {
            foreach (var reference in CloudFormationTemplate.References(custom).Where(reference => cloudFormation.TypeOf(reference.Id) == "AWS::EC2::SecurityGroup"))
            {
                owners[reference.Id] = id;
            }
        }

        return owners;
    }

    /// <summary>Every ingress rule: the standalone ones and those written inside a security group.</summary>
    private static IEnumerable<(string Group, JsonObject Rule)> Rules(CloudFormationTemplate cloudFormation) =>
        cloudFormation.ResourcesOf("AWS::EC2::SecurityGroupIngress")
            .Select(rule => (CloudFormationTemplate.Target(rule.Properties["GroupId"]) ?? rule.Id, rule.Properties))
            .Concat(cloudFormation.ResourcesOf("AWS::EC2::SecurityGroup")
                .SelectMany(group => (group.Properties["SecurityGroupIngress"]?.AsArray() ?? []).Select(rule => (group.Id, rule!.AsObject()))));

    private static bool IsPublicListener(CloudFormationTemplate cloudFormation, string balancer, int? port) =>
        cloudFormation.TypeOf(balancer) == "AWS::ElasticLoadBalancingV2::LoadBalancer" &&
        (string?)cloudFormation.Resource(balancer)["Properties"]?["Scheme"] == "internet-facing" &&
        ListenersOf(cloudFormation, balancer).Any(listener => (int?)listener.Properties["Port"] == port);

    private static bool Reaches(CloudFormationTemplate cloudFormation, string source, string target)
    {
        if (cloudFormation.TypeOf(source) == "AWS::ElasticLoadBalancingV2::LoadBalancer")
        {
            var targetGroups = TargetGroupsOf(cloudFormation, target);
            return ListenersOf(cloudFormation, source).Any(listener =>
                CloudFormationTemplate.References(listener.Properties["DefaultActions"]).Any(reference => targetGroups.Contains(reference.Id)));
        }

        if (cloudFormation.TypeOf(source) is not ("AWS::ECS::Service" or OneOffTask))
        {
            return false;
        }

        var configuration = ConfigurationOf(cloudFormation, source);
        if (cloudFormation.TypeOf(target) != "AWS::ECS::Service")
        {
            return configuration.SelectMany(CloudFormationTemplate.References).Any(reference => reference.Id == target);
        }

        // Service to service: the client is configured with an address the target publishes through Service Connect.
        var text = string.Concat(configuration.Select(node => node.ToJsonString()));
        return ServiceConnectServices.In(cloudFormation)
            .Where(published => published.Service == target)
            .SelectMany(published => published.Published["ClientAliases"]?.AsArray() ?? [])
            .Any(alias => Regex.IsMatch(text, $"(?<![A-Za-z0-9.-]){Regex.Escape((string)alias!["DnsName"]!)}:{(int)alias["Port"]!}(?![0-9])"));
    }

    /// <summary>
    /// What a service, or a one-off task, is configured with: the task definition it runs, and every Secrets Manager
    /// secret its containers read.
    /// </summary>
    private static List<JsonNode> ConfigurationOf(CloudFormationTemplate cloudFormation, string source)
    {
        List<string> taskDefinitions = cloudFormation.TypeOf(source) == "AWS::ECS::Service"
            ? [CloudFormationTemplate.Target(cloudFormation.Resource(source)["Properties"]!["TaskDefinition"])!]
            : CloudFormationTemplate.References(cloudFormation.Resource(source)).Select(reference => reference.Id)
                .Where(id => cloudFormation.TypeOf(id) == "AWS::ECS::TaskDefinition").Distinct().ToList();
        var tasks = taskDefinitions.Select(cloudFormation.Resource).ToList();
        var secrets = tasks
            .SelectMany(task => task["Properties"]!["ContainerDefinitions"]!.AsArray())
            .SelectMany(container => CloudFormationTemplate.References(container!["Secrets"]))
            .Where(reference => cloudFormation.TypeOf(reference.Id) == "AWS::SecretsManager::Secret")
            .Select(reference => reference.Id)
            .Distinct()
            .Select(cloudFormation.Resource);
        return [.. tasks, .. secrets];
    }

    private static HashSet<string> TargetGroupsOf(CloudFormationTemplate cloudFormation, string service) =>
        (cloudFormation.TypeOf(service) == "AWS::ECS::Service" ? cloudFormation.Resource(service)["Properties"]!["LoadBalancers"]?.AsArray() ?? [] : [])
            .Select(balancer => CloudFormationTemplate.Target(balancer!["TargetGroupArn"]))
            .OfType<string>()
            .ToHashSet();

    private static IEnumerable<(string Id, JsonObject Properties)> ListenersOf(CloudFormationTemplate cloudFormation, string balancer) =>
        cloudFormation.ResourcesOf("AWS::ElasticLoadBalancingV2::Listener")
            .Where(listener => CloudFormationTemplate.Target(listener.Properties["LoadBalancerArn"]) == balancer);
}
