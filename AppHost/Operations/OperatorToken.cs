using System.Security.Claims;
using Store.Gateway.Identity;

namespace Store.AppHost.Operations;

/// <summary>
/// The admin credential of the dashboard's commands: the AppHost signs a short-lived admin token itself with the
/// issuer's private key, exactly as the gateway's development identity signs one, so an operator never handles a
/// token. The token lives in memory only, and is used for half its lifetime (a redrive of hundreds of letters is
/// hundreds of calls); it is never logged or shown.
/// </summary>
internal sealed class OperatorToken(TokenIssuer issuer)
{
    private const string Subject = "apphost-operator";
    private const string RoleClaim = "role";
    private const string AdminRole = "admin";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The key is the run's: parsed once.</summary>
    private TokenSigner? signer;

    private Minted? current;

    public async Task<string> MintAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (current is { } minted && now < minted.RenewAfter)
        {
            return minted.Token;
        }

        signer ??= await CreateSignerAsync(cancellationToken);
        var token = signer.Sign(
            (string)issuer.Settings[TokenIssuer.AuthoritySetting],
            (string)issuer.Settings[TokenIssuer.AudienceSetting],
            [new Claim("sub", Subject), new Claim(RoleClaim, AdminRole)],
            now,
            Lifetime);
        current = new Minted(token, now + Lifetime / 2);
        return token;
    }

    private async Task<TokenSigner> CreateSignerAsync(CancellationToken cancellationToken)
    {
        var signingKey = issuer.SigningKey
            ?? throw new InvalidOperationException("Only a local run's development identity lets the AppHost sign tokens.");
        var pem = await signingKey.Resource.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter '{signingKey.Resource.Name}' has no value.");
        return new TokenSigner(pem);
    }

    private sealed record Minted(string Token, DateTime RenewAfter);
}
