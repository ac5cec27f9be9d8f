using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Identity;

/// <summary>
/// An Amazon Cognito user pool in the published stack, with one app client for the web UI and a group per role:
/// the identity of a deployed system. It has no users until an operator creates them, and exists only when
/// publishing — a local run signs users in elsewhere (the development identity).
/// </summary>
public sealed class CognitoUserPoolResource(string name) : Resource(name)
{
    /// <summary>The pool's issuer address (<c>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool id&gt;</c>): the <c>iss</c> of its tokens and the authority whose JWKS validates them.</summary>
    public CognitoUserPoolOutput Issuer => new(this, CognitoUserPoolOutput.IssuerName);

    /// <summary>The app client's id: what Cognito access tokens carry in <c>client_id</c> in place of an audience.</summary>
    public CognitoUserPoolOutput ClientId => new(this, CognitoUserPoolOutput.ClientIdName);

    /// <summary>The groups the pool is created with; a user's groups are the <c>cognito:groups</c> claim of their tokens.</summary>
    public IEnumerable<string> Groups => Annotations.OfType<CognitoUserGroupAnnotation>().Select(group => group.Name);
}
