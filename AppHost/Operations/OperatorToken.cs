using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Store.AppHost.Operations;

/// <summary>
/// The admin credential of the dashboard's commands: the AppHost signs a short-lived admin token itself with the key every
/// service validates against, so an operator never handles one. The token lives in memory only, for one command; it is
/// never logged or shown. How a token is signed is decided here and nowhere else in the AppHost.
/// </summary>
internal sealed class OperatorToken(IResourceBuilder<ParameterResource> signingKey)
{
    private const string Subject = "apphost-operator";
    private const string RoleClaim = "role";
    private const string AdminRole = "admin";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler handler = new();

    public async Task<string> MintAsync(CancellationToken cancellationToken)
    {
        var key = await signingKey.Resource.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter '{signingKey.Resource.Name}' has no value.");
        var now = DateTime.UtcNow;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenValidationExtensions.Issuer,
            Audience = TokenValidationExtensions.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", Subject), new Claim(RoleClaim, AdminRole)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
