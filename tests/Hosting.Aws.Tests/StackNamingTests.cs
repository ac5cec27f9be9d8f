using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests;

/// <summary>
/// A second stack from the same template (staging beside production) in one region: no resource may carry a
/// physical name fixed at synthesis. Names are CloudFormation's own, or derived from the deployed stack.
/// </summary>
[Collection(UsesPublishedAppHost.Name)]
public sealed class StackNamingTests(PublishedAppHost stack)
{
    /// <summary>The property that holds each type's region-wide (or account-wide) name.</summary>
    private static readonly Dictionary<string, string> PhysicalNames = new()
    {
        ["AWS::RDS::DBInstance"] = "DBInstanceIdentifier",
        ["AWS::RDS::DBSubnetGroup"] = "DBSubnetGroupName",
        ["AWS::Logs::LogGroup"] = "LogGroupName",
        ["AWS::ServiceDiscovery::HttpNamespace"] = "Name",
        ["AWS::ECS::Cluster"] = "ClusterName",
        ["AWS::ECS::Service"] = "ServiceName",
        ["AWS::IAM::Role"] = "RoleName",
        ["AWS::SecretsManager::Secret"] = "Name",
        ["AWS::ElastiCache::ReplicationGroup"] = "ReplicationGroupId",
        ["AWS::ElastiCache::SubnetGroup"] = "CacheSubnetGroupName",
        ["AWS::EC2::SecurityGroup"] = "GroupName",
        ["AWS::ElasticLoadBalancingV2::LoadBalancer"] = "Name",
        ["AWS::ElasticLoadBalancingV2::TargetGroup"] = "Name",
    };

    [Fact]
    public void No_resource_has_a_physical_name_fixed_at_synthesis()
    {
        var named = stack.Template.AllResources
            .Where(resource => PhysicalNames.ContainsKey((string)resource.Resource["Type"]!))
            .Select(resource => (resource.Id, Name: resource.Resource["Properties"]?[PhysicalNames[(string)resource.Resource["Type"]!]]))
            .Where(resource => resource.Name is not null)
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, resource =>
        {
            Assert.False(resource.Name is JsonValue, $"{resource.Id} is named {resource.Name!.ToJsonString()} in every stack");
            Assert.Matches("\"AWS::Stack(Name|Id)\"", resource.Name!.ToJsonString());
        });
    }

    [Fact]
    public void The_Cloud_Map_namespace_is_named_after_the_deployed_stack()
    {
        var name = Assert.Single(stack.Template.ResourcesOf("AWS::ServiceDiscovery::HttpNamespace")).Properties["Name"]!;

        Assert.Equal("""{"Fn::Join":["",[{"Ref":"AWS::StackName"},".internal"]]}""", name.ToJsonString());
    }
}
