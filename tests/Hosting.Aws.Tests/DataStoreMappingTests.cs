using static Store.Hosting.Aws.Tests.CloudFormationTemplate;

namespace Store.Hosting.Aws.Tests;

[Collection(UsesPublishedAppHost.Name)]
public sealed class DataStoreMappingTests(PublishedAppHost stack)
{
    [Fact]
    public void The_Postgres_server_becomes_a_private_encrypted_RDS_instance_with_a_generated_master_secret()
    {
        var (_, instance) = Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBInstance"));

        Assert.Equal("postgres", (string?)instance["Engine"]);
        Assert.Equal("17", (string?)instance["EngineVersion"]);
        Assert.True((bool)instance["StorageEncrypted"]!);
        Assert.False((bool)instance["PubliclyAccessible"]!);
        Assert.Equal("postgres", (string?)instance["MasterUsername"]);
        Assert.Contains("{{resolve:secretsmanager:", instance["MasterUserPassword"]!.ToJsonString(), StringComparison.Ordinal);

        var secret = stack.Template.Resource(Target(instance["MasterUserPassword"]!["Fn::Join"]![1]![1])!);
        Assert.Equal("AWS::SecretsManager::Secret", (string?)secret["Type"]);
        Assert.NotNull(secret["Properties"]!["GenerateSecretString"]);
    }

    [Fact]
    public void Deleting_the_stack_or_replacing_the_database_keeps_a_final_snapshot()
    {
        var (id, _) = Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBInstance"));

        Assert.Equal("Snapshot", (string?)stack.Template.Resource(id)["DeletionPolicy"]);
        Assert.Equal("Snapshot", (string?)stack.Template.Resource(id)["UpdateReplacePolicy"]);
    }

    [Fact]
    public void The_database_and_its_log_group_are_named_after_the_deployed_stack_so_a_second_stack_fits_beside_it()
    {
        var (_, instance) = Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBInstance"));
        var identifier = instance["DBInstanceIdentifier"]!.ToJsonString();
        Assert.Contains("postgres-", identifier, StringComparison.Ordinal);
        Assert.Contains("\"Ref\":\"AWS::StackId\"", identifier, StringComparison.Ordinal);

        // RDS writes to /aws/rds/instance/<identifier>/postgresql: the group made for it (with its retention) has that name.
        var stackSuffix = instance["DBInstanceIdentifier"]!["Fn::Join"]![1]![1]!.ToJsonString();
        Assert.Single(stack.Template.ResourcesOf("AWS::Logs::LogGroup"), group =>
            group.Properties["LogGroupName"]?.ToJsonString() is { } name &&
            name.Contains("/aws/rds/instance/postgres-", StringComparison.Ordinal) && name.Contains(stackSuffix, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_Redis_server_becomes_ElastiCache_with_TLS_at_rest_encryption_and_a_generated_auth_token()
    {
        var groups = stack.Template.ResourcesOf("AWS::ElastiCache::ReplicationGroup").ToList();
        Assert.Equal(2, groups.Count);
        Assert.All(groups, group =>
        {
            Assert.True((bool)group.Properties["TransitEncryptionEnabled"]!);
            Assert.True((bool)group.Properties["AtRestEncryptionEnabled"]!);
            var token = group.Properties["AuthToken"]!;
            Assert.Contains("{{resolve:secretsmanager:", token.ToJsonString(), StringComparison.Ordinal);
            Assert.NotNull(stack.Template.Resource(Target(token["Fn::Join"]![1]![1])!)["Properties"]!["GenerateSecretString"]);
        });

        // The bus asks for a replica in the app model (its streams are the only copy of events in flight).
        var bus = groups.Single(group => group.Id.StartsWith("Bus", StringComparison.Ordinal));
        Assert.Equal(2, (int)bus.Properties["NumCacheClusters"]!);
        Assert.True((bool)bus.Properties["MultiAZEnabled"]!);
    }

    [Fact]
    public void Redis_connection_strings_carry_ssl_and_Postgres_ones_the_RDS_endpoint()
    {
        var secrets = stack.Template.ResourcesOf("AWS::SecretsManager::Secret")
            .Where(secret => secret.Id.StartsWith("Catalog", StringComparison.Ordinal))
            .Select(secret => secret.Properties["SecretString"]!.ToJsonString())
            .Single();

        Assert.Contains(",ssl=true", secrets, StringComparison.Ordinal);
        Assert.Contains("rediss://", secrets, StringComparison.Ordinal);
        Assert.Contains("Endpoint.Address", secrets, StringComparison.Ordinal);
        Assert.Contains("Database=catalogdb", secrets, StringComparison.Ordinal);
    }

    [Fact]
    public void Databases_and_caches_live_in_isolated_subnets()
    {
        var isolated = stack.Template.ResourcesOf("AWS::EC2::Subnet")
            .Where(subnet => subnet.Id.Contains("data", StringComparison.OrdinalIgnoreCase))
            .Select(subnet => (string?)subnet.Id)
            .ToHashSet();
        Assert.Equal(2, isolated.Count);

        var rdsSubnets = Assert.Single(stack.Template.ResourcesOf("AWS::RDS::DBSubnetGroup")).Properties["SubnetIds"]!.AsArray().Select(Target);
        Assert.Equal(isolated, rdsSubnets.ToHashSet());
        Assert.All(stack.Template.ResourcesOf("AWS::ElastiCache::SubnetGroup"),
            group => Assert.Equal(isolated, group.Properties["SubnetIds"]!.AsArray().Select(Target).ToHashSet()));
    }
}
