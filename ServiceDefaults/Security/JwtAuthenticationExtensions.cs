using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Store.Security;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every service validates bearer tokens itself (it never trusts a header it did not verify): issuer, audience,
/// lifetime and signature, HS256 or the authority's keys only, so <c>alg: none</c> and other algorithms are refused.
/// Endpoints need a valid token unless they allow anonymous callers.
/// </summary>
public static class JwtAuthenticationExtensions
{
    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<JwtSettings>()
            .BindConfiguration(JwtSettings.Section)
            .Validate(settings => settings.IsValid(),
                $"{JwtSettings.Section}: Issuer and Audience are required, and either a SigningKey of at least {JwtSettings.MinSigningKeyLength} characters or an Authority.")
            .ValidateOnStart();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtSettings>>((bearer, settings) => Configure(bearer, settings.Value));
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(StorePolicies.Customer, policy => policy.RequireRole(StoreRoles.Customer, StoreRoles.Admin))
            .AddPolicy(StorePolicies.Admin, policy => policy.RequireRole(StoreRoles.Admin));
        return builder;
    }

    private static void Configure(JwtBearerOptions bearer, JwtSettings settings)
    {
        bearer.MapInboundClaims = false;
        bearer.Authority = settings.Authority;
        bearer.RequireHttpsMetadata = settings.Authority?.StartsWith("https://", StringComparison.Ordinal) ?? false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKey = settings.SigningKey is { } key ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) : null,
            ValidAlgorithms = settings.SigningKey is null ? [SecurityAlgorithms.RsaSha256] : [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "sub",
            RoleClaimType = settings.RoleClaim,
        };
    }
}
