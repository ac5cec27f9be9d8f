using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Tests.DeployRules;

/// <summary>Each rule on small hand-written templates: it finds the break, and passes the same template mended.</summary>
public sealed class DeployRuleViolationTests
{
    [Fact]
    public void Two_services_under_one_discovery_name_in_a_namespace_are_found()
    {
        const string twoNamedHttp = """
            "Catalog": { "Type": "AWS::ECS::Service", "Properties": { "Cluster": { "Ref": "Cluster" }, "ServiceConnectConfiguration": { "Enabled": true, "Services": [ { "PortName": "http" } ] } } },
            "Ordering": { "Type": "AWS::ECS::Service", "Properties": { "Cluster": { "Ref": "Cluster" }, "ServiceConnectConfiguration": { "Enabled": true, "Namespace": { "Fn::GetAtt": [ "Namespace", "Arn" ] }, "Services": [ { "PortName": "http" } ] } } },
            "Cluster": { "Type": "AWS::ECS::Cluster", "Properties": { "ServiceConnectDefaults": { "Namespace": { "Fn::GetAtt": [ "Namespace", "Arn" ] } } } }
            """;
        var violation = Assert.Single(new UniqueDiscoveryNames().Violations(Template(twoNamedHttp)));
        Assert.Contains("'http' is the discovery name of Catalog, Ordering in namespace Namespace", violation, StringComparison.Ordinal);

        var named = twoNamedHttp.Replace("""
            "Arn" ] }, "Services": [ { "PortName": "http" } ]
            """, """
            "Arn" ] }, "Services": [ { "PortName": "http", "DiscoveryName": "ordering" } ]
            """, StringComparison.Ordinal);
        Assert.Empty(new UniqueDiscoveryNames().Violations(Template(named)));
    }

    [Fact]
    public void A_Service_Connect_port_name_missing_from_the_task_definition_is_found()
    {
        const string portNamedWeb = """
            "Service": { "Type": "AWS::ECS::Service", "Properties": { "TaskDefinition": { "Ref": "Task" }, "ServiceConnectConfiguration": { "Enabled": true, "Services": [ { "PortName": "http", "DiscoveryName": "web" } ] } } },
            "Task": { "Type": "AWS::ECS::TaskDefinition", "Properties": { "ContainerDefinitions": [ { "Name": "web", "PortMappings": [ { "Name": "web", "ContainerPort": 8080 } ] } ] } }
            """;
        var violation = Assert.Single(new ServiceConnectPortNamesExist().Violations(Template(portNamedWeb)));
        Assert.Contains("Service publishes port 'http', which no container of Task names", violation, StringComparison.Ordinal);

        Assert.Empty(new ServiceConnectPortNamesExist().Violations(Template(portNamedWeb.Replace("\"Name\": \"web\", \"ContainerPort\"", "\"Name\": \"http\", \"ContainerPort\"", StringComparison.Ordinal))));
    }

    [Fact]
    public void A_secret_its_execution_role_may_not_read_is_found()
    {
        const string grantedOnTheOtherSecret = """
            "Task": { "Type": "AWS::ECS::TaskDefinition", "Properties": { "ExecutionRoleArn": { "Fn::GetAtt": [ "Role", "Arn" ] }, "ContainerDefinitions": [ { "Name": "web", "Secrets": [
              { "Name": "PGPASSWORD", "ValueFrom": { "Fn::Join": [ "", [ { "Ref": "Master" }, ":password::" ] ] } },
              { "Name": "Api__Key", "ValueFrom": { "Ref": "ApiKey" } } ] } ] } },
            "Role": { "Type": "AWS::IAM::Role", "Properties": {} },
            "Master": { "Type": "AWS::SecretsManager::Secret", "Properties": {} },
            "ApiKey": { "Type": "AWS::SecretsManager::Secret", "Properties": {} },
            "Policy": { "Type": "AWS::IAM::Policy", "Properties": { "Roles": [ { "Ref": "Role" } ], "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": [ "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret" ], "Resource": { "Ref": "ApiKey" } } ] } } }
            """;
        var violation = Assert.Single(new SecretsReadableByExecutionRole().Violations(Template(grantedOnTheOtherSecret)));
        Assert.Contains("PGPASSWORD comes from Master, but its execution role Role is not allowed secretsmanager:GetSecretValue", violation, StringComparison.Ordinal);

        var grantedOnBoth = grantedOnTheOtherSecret.Replace("""
            "Resource": { "Ref": "ApiKey" }
            """, """
            "Resource": [ { "Ref": "ApiKey" }, { "Ref": "Master" } ]
            """, StringComparison.Ordinal);
        Assert.Empty(new SecretsReadableByExecutionRole().Violations(Template(grantedOnBoth)));
    }

    [Fact]
    public void An_SSM_parameter_needs_ssm_GetParameters_on_it()
    {
        const string parameterGrantedAsSecret = """
            "Task": { "Type": "AWS::ECS::TaskDefinition", "Properties": { "ExecutionRoleArn": { "Fn::GetAtt": [ "Role", "Arn" ] }, "ContainerDefinitions": [ { "Name": "web", "Secrets": [
              { "Name": "Feature", "ValueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/feature" } ] } ] } },
            "Role": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [ { "PolicyName": "read", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/*" } ] } } ] } }
            """;
        Assert.Single(new SecretsReadableByExecutionRole().Violations(Template(parameterGrantedAsSecret)));
        Assert.Empty(new SecretsReadableByExecutionRole().Violations(Template(parameterGrantedAsSecret.Replace("secretsmanager:GetSecretValue", "ssm:GetParameters", StringComparison.Ordinal))));
    }

    [Fact]
    public void An_ingress_no_reference_needs_is_found()
    {
        // The worker reaches the database through its connection string; nothing in it points at the web service.
        const string workerAdmittedToWeb = """
            "Web": { "Type": "AWS::ECS::Service", "Properties": { "TaskDefinition": { "Ref": "WebTask" }, "NetworkConfiguration": { "AwsvpcConfiguration": { "SecurityGroups": [ { "Fn::GetAtt": [ "WebGroup", "GroupId" ] } ] } },
              "ServiceConnectConfiguration": { "Enabled": true, "Services": [ { "PortName": "http", "DiscoveryName": "web", "ClientAliases": [ { "DnsName": "web", "Port": 8080 } ] } ] } } },
            "WebTask": { "Type": "AWS::ECS::TaskDefinition", "Properties": { "ContainerDefinitions": [ { "Name": "web", "Environment": [ { "Name": "services__worker__http__0", "Value": "http://worker:8080" } ] } ] } },
            "Worker": { "Type": "AWS::ECS::Service", "Properties": { "TaskDefinition": { "Ref": "WorkerTask" }, "NetworkConfiguration": { "AwsvpcConfiguration": { "SecurityGroups": [ { "Fn::GetAtt": [ "WorkerGroup", "GroupId" ] } ] } } } },
            "WorkerTask": { "Type": "AWS::ECS::TaskDefinition", "Properties": { "ContainerDefinitions": [ { "Name": "worker", "Secrets": [ { "Name": "ConnectionStrings__ledger", "ValueFrom": { "Fn::Join": [ "", [ { "Ref": "WorkerEnvironment" }, ":ConnectionStrings__ledger::" ] ] } } ] } ] } },
            "WorkerEnvironment": { "Type": "AWS::SecretsManager::Secret", "Properties": { "SecretString": { "Fn::Join": [ "", [ "{\"ConnectionStrings__ledger\":\"Host=", { "Fn::GetAtt": [ "Database", "Endpoint.Address" ] }, "\"}" ] ] } } },
            "Database": { "Type": "AWS::RDS::DBInstance", "Properties": { "VPCSecurityGroups": [ { "Fn::GetAtt": [ "DatabaseGroup", "GroupId" ] } ] } },
            "WebGroup": { "Type": "AWS::EC2::SecurityGroup", "Properties": {} },
            "WorkerGroup": { "Type": "AWS::EC2::SecurityGroup", "Properties": {} },
            "DatabaseGroup": { "Type": "AWS::EC2::SecurityGroup", "Properties": {} },
            "WorkerToDatabase": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Fn::GetAtt": [ "DatabaseGroup", "GroupId" ] }, "SourceSecurityGroupId": { "Fn::GetAtt": [ "WorkerGroup", "GroupId" ] }, "FromPort": 5432 } },
            "WorkerToWeb": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Fn::GetAtt": [ "WebGroup", "GroupId" ] }, "SourceSecurityGroupId": { "Fn::GetAtt": [ "WorkerGroup", "GroupId" ] }, "FromPort": 8080 } }
            """;
        var violation = Assert.Single(new IngressBackedByReferences().Violations(Template(workerAdmittedToWeb)));
        Assert.Contains("Web admits Worker on 8080, but nothing in Worker's configuration points at Web", violation, StringComparison.Ordinal);

        // The other way round, web calls the worker: that ingress is backed by web's services__worker__http__0.
        var workerPublished = workerAdmittedToWeb
            .Replace("""
                "Worker": { "Type": "AWS::ECS::Service", "Properties": { "TaskDefinition": { "Ref": "WorkerTask" },
                """, """
                "Worker": { "Type": "AWS::ECS::Service", "Properties": { "ServiceConnectConfiguration": { "Enabled": true, "Services": [ { "PortName": "http", "DiscoveryName": "worker", "ClientAliases": [ { "DnsName": "worker", "Port": 8080 } ] } ] }, "TaskDefinition": { "Ref": "WorkerTask" },
                """, StringComparison.Ordinal)
            .Replace("""
                "GroupId": { "Fn::GetAtt": [ "WebGroup", "GroupId" ] }, "SourceSecurityGroupId": { "Fn::GetAtt": [ "WorkerGroup", "GroupId" ] }
                """, """
                "GroupId": { "Fn::GetAtt": [ "WorkerGroup", "GroupId" ] }, "SourceSecurityGroupId": { "Fn::GetAtt": [ "WebGroup", "GroupId" ] }
                """, StringComparison.Ordinal);
        Assert.Empty(new IngressBackedByReferences().Violations(Template(workerPublished)));
    }

    [Fact]
    public void An_address_range_admitted_anywhere_but_a_public_listener_is_found()
    {
        const string databaseOpenToTheInternet = """
            "Database": { "Type": "AWS::RDS::DBInstance", "Properties": { "VPCSecurityGroups": [ { "Fn::GetAtt": [ "DatabaseGroup", "GroupId" ] } ] } },
            "DatabaseGroup": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "SecurityGroupIngress": [ { "CidrIp": "0.0.0.0/0", "FromPort": 5432, "IpProtocol": "tcp" } ] } },
            "Balancer": { "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": { "Scheme": "internet-facing", "SecurityGroups": [ { "Fn::GetAtt": [ "BalancerGroup", "GroupId" ] } ] } },
            "BalancerGroup": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "SecurityGroupIngress": [ { "CidrIp": "0.0.0.0/0", "FromPort": 443, "IpProtocol": "tcp" } ] } },
            "Https": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "LoadBalancerArn": { "Ref": "Balancer" }, "Port": 443, "DefaultActions": [] } }
            """;
        var violation = Assert.Single(new IngressBackedByReferences().Violations(Template(databaseOpenToTheInternet)));
        Assert.Contains("Database is open to 0.0.0.0/0 on 5432", violation, StringComparison.Ordinal);

        var closed = databaseOpenToTheInternet.Replace("""
            "SecurityGroupIngress": [ { "CidrIp": "0.0.0.0/0", "FromPort": 5432, "IpProtocol": "tcp" } ]
            """, "", StringComparison.Ordinal);
        Assert.Empty(new IngressBackedByReferences().Violations(Template(closed)));
    }

    [Fact]
    public void A_service_that_does_not_wait_for_a_listener_forwarding_to_it_is_found()
    {
        const string waitsForHttpOnly = """
            "Service": { "Type": "AWS::ECS::Service", "DependsOn": [ "Http" ], "Properties": { "LoadBalancers": [ { "TargetGroupArn": { "Ref": "Targets" } } ] } },
            "Targets": { "Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {} },
            "Http": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "DefaultActions": [ { "Fn::If": [ "HasCertificate", { "Type": "redirect" }, { "Type": "forward", "TargetGroupArn": { "Ref": "Targets" } } ] } ] } },
            "Https": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Condition": "HasCertificate", "Properties": { "DefaultActions": [ { "Type": "forward", "TargetGroupArn": { "Ref": "Targets" } } ] } }
            """;
        var violation = Assert.Single(new ServicesWaitForTheirListeners().Violations(Template(waitsForHttpOnly)));
        Assert.Contains("Service does not reference Https under Fn::If HasCertificate", violation, StringComparison.Ordinal);

        var dependsOnTheConditionalListener = waitsForHttpOnly.Replace("""[ "Http" ]""", """[ "Http", "Https" ]""", StringComparison.Ordinal);
        Assert.Contains("CloudFormation refuses when HasCertificate is false", Assert.Single(new ServicesWaitForTheirListeners().Violations(Template(dependsOnTheConditionalListener))), StringComparison.Ordinal);

        var waitsForNone = waitsForHttpOnly.Replace("""[ "Http" ]""", "[]", StringComparison.Ordinal);
        Assert.Contains("Service does not depend on Http", string.Join('\n', new ServicesWaitForTheirListeners().Violations(Template(waitsForNone))), StringComparison.Ordinal);

        var referencesHttpsUnderItsCondition = waitsForHttpOnly.Replace("""
            "DependsOn": [ "Http" ],
            """, """
            "DependsOn": [ "Http" ], "Metadata": { "ForwardedToBy": { "Fn::If": [ "HasCertificate", { "Ref": "Https" }, { "Ref": "AWS::NoValue" } ] } },
            """, StringComparison.Ordinal);
        Assert.Empty(new ServicesWaitForTheirListeners().Violations(Template(referencesHttpsUnderItsCondition)));
    }

    [Fact]
    public void More_than_60_dynamic_references_are_found()
    {
        static string WithReferences(int count) => $$"""
            "Secret": { "Type": "AWS::SecretsManager::Secret", "Properties": { "SecretString": "{{string.Concat(Enumerable.Repeat("{{resolve:ssm:/shop/value}}", count))}}" } }
            """;

        Assert.Equal("61 dynamic references (CloudFormation takes at most 60)", Assert.Single(new DynamicReferenceLimit().Violations(Template(WithReferences(61)))));
        Assert.Empty(new DynamicReferenceLimit().Violations(Template(WithReferences(60))));
    }

    private static CloudFormationTemplate Template(string resources) =>
        new((JsonObject)JsonNode.Parse($$"""{ "Resources": { {{resources}} } }""")!);
}
