using System.Security.Claims;
using Store.Gateway.Identity;

namespace Store.AppHost.Operations;

/// <summary>
/// The admin credential of the dashboard's commands: the AppHost signs a short-lived admin token itself with the
/// issuer's private key, exactly as the gateway's development identity signs one, so an operator never handles a
/// token. The token lives in memory only, for one command; it is never logged or shown.
/// </summary>
internal sealed class OperatorToken(TokenIssuer issuer)
{
    private const string Subject = "apphost-operator";
    private const string RoleClaim = "role";
    private const string AdminRole = "admin";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The key is the run's; a redrive of hundreds of letters should not parse it for every call.</summary>
    private TokenSigner? signer;

    public async Task<string> MintAsync(CancellationToken cancellationToken)
    {
        signer ??= await CreateSignerAsync(cancellationToken);
        return signer.Sign(
            (string)issuer.Settings[TokenIssuer.AuthoritySetting],
            (string)issuer.Settings[TokenIssuer.AudienceSetting],
            [new Claim("sub", Subject), new Claim(RoleClaim, AdminRole)],
            DateTime.UtcNow,
            Lifetime);
    }

    private async Task<TokenSigner> CreateSignerAsync(CancellationToken cancellationToken)
    {
        var signingKey = issuer.SigningKey
            ?? throw new InvalidOperationException("Only a local run's development identity lets the AppHost sign tokens.");
        var pem = await signingKey.Resource.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter '{signingKey.Resource.Name}' has no value.");
        return new TokenSigner(pem);
    }
}
