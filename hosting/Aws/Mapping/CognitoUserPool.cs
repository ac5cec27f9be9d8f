using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;
using Store.Hosting.Aws.Identity;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// A user pool with the app model's groups and one app client for the web UI. The client is public (a browser holds
/// no secret) and signs in with USER_PASSWORD_AUTH over Cognito's own TLS API; its access tokens name it in
/// <c>client_id</c> and the user's groups in <c>cognito:groups</c>, which is what the services check.
/// </summary>
internal sealed class CognitoUserPool : Construct
{
    public CognitoUserPool(Construct scope, CognitoUserPoolResource resource)
        : base(scope, StackNames.Pascal(resource.Name))
    {
        var pool = new UserPool(this, "Pool", new UserPoolProps
        {
            // An operator creates every user (docs/aws.md): a store's admins must not be able to sign themselves up.
            SelfSignUpEnabled = false,
            SignInAliases = new SignInAliases { Username = true, Email = true },
            SignInCaseSensitive = false,
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = 12,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireDigits = true,
                RequireSymbols = true,
                TempPasswordValidity = Duration.Days(3),
            },
            Mfa = Mfa.OPTIONAL,
            MfaSecondFactor = new MfaSecondFactor { Otp = true, Sms = false },
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
        });
        NagAcknowledgement.Acknowledge(pool,
            ("COG2", "MFA is optional (TOTP): shoppers are not made to enrol a second factor; operators should, documented in docs/aws.md."),
            ("COG8", "The Plus feature plan (threat protection, compromised-credential checks) is paid per monthly active user; the stack leaves it to the operator."));

        var client = pool.AddClient("WebClient", new UserPoolClientOptions
        {
            GenerateSecret = false,
            AuthFlows = new AuthFlow { UserPassword = true },
            PreventUserExistenceErrors = true,
            EnableTokenRevocation = true,
            AccessTokenValidity = Duration.Hours(1),
            IdTokenValidity = Duration.Hours(1),
            RefreshTokenValidity = Duration.Days(1),
        });

        foreach (var group in resource.Groups)
        {
            _ = new CfnUserPoolGroup(this, $"{StackNames.Pascal(group)}Group", new CfnUserPoolGroupProps { UserPoolId = pool.UserPoolId, GroupName = group });
        }

        var stack = Stack.Of(this);
        Issuer = $"https://cognito-idp.{stack.Region}.{stack.UrlSuffix}/{pool.UserPoolId}";
        ClientId = client.UserPoolClientId;
        _ = new CfnOutput(stack, $"{Node.Id}UserPoolId", new CfnOutputProps { Description = $"The user pool '{resource.Name}': create its users with the AWS CLI (docs/aws.md)", Value = pool.UserPoolId });
        _ = new CfnOutput(stack, $"{Node.Id}ClientId", new CfnOutputProps { Description = $"The web UI's app client of '{resource.Name}'", Value = ClientId });
    }

    public string Issuer { get; }

    public string ClientId { get; }

    public CloudValue Value(CognitoUserPoolOutput output) => CloudValue.Literal(output.Name switch
    {
        CognitoUserPoolOutput.IssuerName => Issuer,
        CognitoUserPoolOutput.ClientIdName => ClientId,
        _ => throw new NotSupportedException($"A Cognito user pool has no output '{output.Name}'."),
    });
}
