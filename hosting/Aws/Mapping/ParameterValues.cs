using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using Aspire.Hosting.ApplicationModel;
using IResource = Aspire.Hosting.ApplicationModel.IResource;
using Constructs;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// App-model parameters in the stack, created on first use: a plain parameter becomes a CloudFormation parameter
/// whose default is its value at publish (so <c>cdk deploy --parameters</c> can change it); a secret one becomes a
/// Secrets Manager secret — generated there when the app model generates it, else taken from a NoEcho parameter.
/// </summary>
internal sealed class ParameterValues(Construct scope, IReadOnlyDictionary<ParameterResource, string> publishValues) : Construct(scope, "Parameters")
{
    private readonly Dictionary<ParameterResource, CloudValue> _values = [];

    public CloudValue For(ParameterResource parameter)
    {
        if (!_values.TryGetValue(parameter, out var value))
        {
            value = parameter.Secret ? CreateSecret(parameter) : CreatePlain(parameter);
            _values.Add(parameter, value);
        }

        return value;
    }

    private CloudValue CreatePlain(ParameterResource parameter)
    {
        var cfn = new CfnParameter(Stack.Of(this), StackNames.Pascal(parameter.Name), new CfnParameterProps
        {
            Type = "String",
            Default = publishValues.GetValueOrDefault(parameter),
            Description = $"App-model parameter '{parameter.Name}'",
        });
        return CloudValue.Literal(cfn.ValueAsString);
    }

    private CloudValue CreateSecret(ParameterResource parameter)
    {
        var id = StackNames.Pascal(parameter.Name);
        var secret = parameter.Default is GenerateParameterDefault generate
            ? new Secret(this, id, new SecretProps
            {
                Description = $"App-model secret '{parameter.Name}', generated at deploy",
                // Alphanumeric, so it can sit in a connection string or JSON unescaped.
                GenerateSecretString = new SecretStringGenerator { ExcludePunctuation = true, PasswordLength = Math.Max(generate.MinLength, 32) },
            })
            : new Secret(this, id, new SecretProps
            {
                Description = $"App-model secret '{parameter.Name}', given at deploy",
                SecretStringValue = SecretValue.CfnParameter(new CfnParameter(Stack.Of(this), id, new CfnParameterProps
                {
                    Type = "String",
                    NoEcho = true,
                    Description = $"App-model secret parameter '{parameter.Name}' (no double quotes or backslashes)",
                })),
            });

        NagAcknowledgement.Acknowledge(secret, ("SMG4", "An application secret the services read at start; rotating it needs a rolling restart, documented rather than automated."));
        return new CloudValue(secret.SecretValue.UnsafeUnwrap(), true, new HashSet<IResource>());
    }
}
