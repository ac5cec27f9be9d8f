using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Identity;

public static class CognitoUserPoolExtensions
{
    /// <summary>
    /// Adds an Amazon Cognito user pool to the published stack: no self sign-up, a strong password policy, optional
    /// TOTP MFA, and a public app client (no secret) that signs in with a user name and password. Kept out of a local
    /// run's model, where nothing could reach it.
    /// </summary>
    public static IResourceBuilder<CognitoUserPoolResource> AddCognitoUserPool(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pool = new CognitoUserPoolResource(name);
        return builder.ExecutionContext.IsRunMode ? builder.CreateResourceBuilder(pool) : builder.AddResource(pool).ExcludeFromManifest();
    }

    /// <summary>Creates the pool with these groups; an operator puts users in them, and tokens carry them as roles.</summary>
    public static IResourceBuilder<CognitoUserPoolResource> WithUserGroups(this IResourceBuilder<CognitoUserPoolResource> pool, params string[] groups)
    {
        ArgumentNullException.ThrowIfNull(pool);
        foreach (var group in groups)
        {
            pool.WithAnnotation(new CognitoUserGroupAnnotation(group));
        }

        return pool;
    }
}
