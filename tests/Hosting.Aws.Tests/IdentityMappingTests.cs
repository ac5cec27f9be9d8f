using static Store.Hosting.Aws.Tests.CloudFormationTemplate;

namespace Store.Hosting.Aws.Tests;

/// <summary>
/// The published stack's identity is a Cognito user pool that every service validates tokens against; the local
/// development identity (its seeded users, its signing key, its sign-in) is nowhere in it.
/// </summary>
[Collection(UsesPublishedAppHost.Name)]
public sealed class IdentityMappingTests(PublishedAppHost stack)
{
    [Fact]
    public void The_stack_has_a_user_pool_only_operators_fill_a_public_web_client_that_signs_in_with_a_password_and_a_group_per_role()
    {
        var (poolId, pool) = Assert.Single(stack.Template.ResourcesOf("AWS::Cognito::UserPool"));
        Assert.True((bool)pool["AdminCreateUserConfig"]!["AllowAdminCreateUserOnly"]!);
        Assert.True((int)pool["Policies"]!["PasswordPolicy"]!["MinimumLength"]! >= 12);

        var (_, client) = Assert.Single(stack.Template.ResourcesOf("AWS::Cognito::UserPoolClient"));
        Assert.Equal(poolId, Target(client["UserPoolId"]));
        Assert.NotEqual(true, (bool?)client["GenerateSecret"]);
        Assert.Contains("ALLOW_USER_PASSWORD_AUTH", client["ExplicitAuthFlows"]!.AsArray().Select(flow => (string?)flow));
        Assert.Equal("ENABLED", (string?)client["PreventUserExistenceErrors"]);

        var groups = stack.Template.ResourcesOf("AWS::Cognito::UserPoolGroup").ToList();
        Assert.Equal(["admin", "customer"], groups.Select(group => (string?)group.Properties["GroupName"]).Order());
        Assert.All(groups, group => Assert.Equal(poolId, Target(group.Properties["UserPoolId"])));
    }

    [Fact]
    public void Every_service_validates_Cognito_access_tokens_of_the_pool_and_its_web_client()
    {
        var (poolId, _) = Assert.Single(stack.Template.ResourcesOf("AWS::Cognito::UserPool"));
        var (clientId, _) = Assert.Single(stack.Template.ResourcesOf("AWS::Cognito::UserPoolClient"));

        Assert.Equal(["analytics", "catalog", "gateway", "ordering", "payments"], stack.Template.TaskDefinitions.Keys.Order());
        foreach (var (project, (_, task)) in stack.Template.TaskDefinitions)
        {
            var environment = Environment(Container(task, project));
            var authority = environment["Authentication__Jwt__Authority"].ToJsonString();

            Assert.Contains("\"https://cognito-idp.\"", authority, StringComparison.Ordinal);
            Assert.Contains($"{{\"Ref\":\"{poolId}\"}}", authority, StringComparison.Ordinal);
            Assert.Equal(clientId, Target(environment["Authentication__Jwt__Audience"]));
            Assert.Equal("client_id", (string?)environment["Authentication__Jwt__AudienceClaim"]);
            Assert.Equal("cognito:groups", (string?)environment["Authentication__Jwt__RoleClaim"]);
        }
    }

    [Fact]
    public void No_seeded_user_password_hash_or_signing_key_is_in_the_template_the_task_definitions_or_the_gateways_configuration()
    {
        foreach (var file in Directory.EnumerateFiles(stack.CloudAssembly, "*.json"))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("pbkdf2-sha256", text, StringComparison.Ordinal);
            Assert.DoesNotContain("store-demo", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(stack.Template.ResourcesOf("AWS::SecretsManager::Secret"), secret => secret.Id.Contains("SigningKey", StringComparison.Ordinal));
        foreach (var (project, (_, task)) in stack.Template.TaskDefinitions)
        {
            var container = Container(task, project);
            Assert.DoesNotContain(Environment(container).Keys.Concat(SecretNames(container)),
                name => name.StartsWith("Identity__", StringComparison.Ordinal) || name.Contains("SigningKey", StringComparison.Ordinal));
        }

        // What the gateway's image is built with: its own configuration names no users.
        foreach (var settings in Directory.EnumerateFiles(Path.Combine(stack.Output, "source", "services", "Gateway"), "appsettings*.json"))
        {
            Assert.DoesNotContain("PasswordHash", File.ReadAllText(settings), StringComparison.Ordinal);
        }
    }
}
