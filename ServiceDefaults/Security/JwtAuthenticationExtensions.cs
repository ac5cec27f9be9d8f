using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Store.Security;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every service validates bearer tokens itself (it never trusts a header it did not verify) against the authority's
/// published keys (<see cref="TokenValidation"/>). Endpoints need a valid token unless they allow anonymous callers.
/// </summary>
public static class JwtAuthenticationExtensions
{
    /// <summary>The client that fetches the authority's discovery document and JWKS, with service discovery and resilience.</summary>
    private const string MetadataClient = "jwt-metadata";

    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<JwtSettings>()
            .BindConfiguration(JwtSettings.Section)
            .Validate(settings => settings.IsValid(),
                $"{JwtSettings.Section}: an absolute Authority, an Audience, an AudienceClaim ('{JwtSettings.AudienceClaimAud}' or '{JwtSettings.AudienceClaimClientId}') and a RoleClaim are required.")
            .Validate(settings => settings.IsSecureOr(isDevelopment), $"{JwtSettings.Section}: the Authority must use HTTPS outside development.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(MetadataClient);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtSettings>, IHttpClientFactory>((bearer, settings, clients) => Configure(bearer, settings.Value, clients, isDevelopment));
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(StorePolicies.Customer, policy => policy.RequireRole(StoreRoles.Customer, StoreRoles.Admin))
            .AddPolicy(StorePolicies.Admin, policy => policy.RequireRole(StoreRoles.Admin));
        return builder;
    }

    private static void Configure(JwtBearerOptions bearer, JwtSettings settings, IHttpClientFactory clients, bool isDevelopment)
    {
        bearer.MapInboundClaims = false;
        bearer.Authority = settings.Authority;
        bearer.RequireHttpsMetadata = !isDevelopment;
        bearer.TokenValidationParameters = TokenValidation.ParametersFor(settings);
        // Our own configuration manager, so that the metadata client resolves the authority through service discovery
        // (http://gateway locally) rather than only through DNS.
        bearer.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            $"{settings.Authority.TrimEnd('/')}/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(clients.CreateClient(MetadataClient)) { RequireHttps = !isDevelopment });
    }
}
