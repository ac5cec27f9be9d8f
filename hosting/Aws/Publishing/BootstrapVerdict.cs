using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Store.Hosting.Aws.Publishing;

/// <summary>
/// Whether the account and region the AWS credentials point at are bootstrapped for CDK, decided from what
/// <c>aws ssm get-parameter --name &lt;version parameter&gt; --output json</c> answered. Only an answer that settles
/// it stops a deploy; anything else (no permission to read the parameter, an unknown error) is left to
/// <c>cdk deploy</c>, which reads the version itself.
/// </summary>
internal sealed record BootstrapVerdict(BootstrapState State, string Message)
{
    public bool StopsDeploy => State is BootstrapState.NotBootstrapped or BootstrapState.Outdated or BootstrapState.NoCredentials;

    public static BootstrapVerdict Decide(BootstrapRequirement requirement, int exitCode, string output, string error, string outputFolder)
    {
        var bootstrap = $"run `npx cdk bootstrap` in {outputFolder} (it bootstraps the account and region your AWS credentials point at), then deploy again.";
        if (exitCode == 0)
        {
            var version = ParameterValue(output);
            return version switch
            {
                null => new(BootstrapState.Unknown, $"The bootstrap version parameter {requirement.VersionParameter} did not hold a version: {output.Trim()}"),
                _ when version < requirement.MinimumVersion => new(BootstrapState.Outdated,
                    $"The account is bootstrapped for CDK at version {version}; this stack needs version {requirement.MinimumVersion} or later: {bootstrap}"),
                _ => new(BootstrapState.Ready, $"CDK bootstrap version {version} (this stack needs {requirement.MinimumVersion} or later)."),
            };
        }

        if (error.Contains("(ParameterNotFound)", StringComparison.Ordinal))
        {
            return new(BootstrapState.NotBootstrapped,
                $"The account and region are not bootstrapped for CDK ({requirement.VersionParameter} does not exist), so cdk deploy would fail after building every image: {bootstrap}");
        }

        if (error.Contains("Unable to locate credentials", StringComparison.Ordinal) ||
            error.Contains("You must specify a region", StringComparison.Ordinal) ||
            error.Contains("(ExpiredToken", StringComparison.Ordinal) ||
            error.Contains("(UnrecognizedClientException)", StringComparison.Ordinal) ||
            error.Contains("(InvalidClientTokenId)", StringComparison.Ordinal))
        {
            return new(BootstrapState.NoCredentials,
                $"No usable AWS credentials or region ({error.Trim()}). Sign in (aws configure, aws sso login, or AWS_PROFILE / AWS_REGION) and deploy again.");
        }

        return new(BootstrapState.Unknown, $"The CDK bootstrap could not be checked (exit code {exitCode}): {error.Trim()}");
    }

    private static int? ParameterValue(string output)
    {
        try
        {
            var value = (string?)JsonNode.Parse(output)?["Parameter"]?["Value"];
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
