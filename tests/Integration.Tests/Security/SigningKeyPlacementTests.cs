using Microsoft.Extensions.Logging.Abstractions;

namespace Store.Integration.Tests.Security;

/// <summary>
/// The AppHost's own model, read as a deployment tool would (every value as its app-model expression): the private
/// key that signs tokens reaches the gateway, the development identity, and no other resource.
/// </summary>
public sealed class SigningKeyPlacementTests
{
    private const string SigningKeyExpression = "{identity-signing-key.";

    [Fact]
    public async Task Only_the_gateway_receives_the_identity_signing_key_and_every_service_validates_through_the_issuer()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Parameters:identity-signing-key={TestTokens.SigningKeyPem}"], cancellation);

        var resources = builder.Resources.OfType<IResourceWithEnvironment>().ToList();
        Assert.Contains(resources, resource => resource.Name == "gateway");
        foreach (var resource in resources)
        {
            var configuration = await ExecutionConfigurationBuilder.Create(resource).WithEnvironmentVariablesConfig()
                .BuildAsync(new(DistributedApplicationOperation.Publish), NullLogger.Instance, cancellation);
            var environment = configuration.EnvironmentVariables.ToDictionary();

            var holders = environment.Where(variable => variable.Value.Contains(SigningKeyExpression, StringComparison.Ordinal)).Select(variable => variable.Key);
            Assert.Equal(resource.Name == "gateway" ? ["Identity__SigningKey"] : [], holders);
            if (resource is ProjectResource)
            {
                Assert.Equal(TestTokens.Issuer, environment.GetValueOrDefault("Authentication__Jwt__Authority"));
                Assert.DoesNotContain(environment.Keys, name => name.StartsWith("Authentication__Jwt__SigningKey", StringComparison.Ordinal));
            }
        }
    }
}
