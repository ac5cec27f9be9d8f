using Microsoft.Extensions.Options;
using Store.Gateway;
using Store.Gateway.Identity;
using Store.Gateway.Protection;
using Store.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

var signIn = SignInConfiguration.For(app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value, app.Services.GetRequiredService<IOptions<JwtSettings>>().Value);
app.UseSecurityHeaders(signIn.CognitoEndpoint);
// The web UI: static files, public like any web page (the data it shows is what the APIs allow each caller).
app.UseDefaultFiles();
app.UseStaticFiles();
// Routing after the static files, so that the fallback endpoint below does not claim "/" before index.html is found.
app.UseRouting();
app.MapDefaultEndpoints();
app.UseCors();
app.UseRateLimiter();
app.UseOutputCache();

// Locally the gateway is the token issuer: it signs users in and publishes its public key. Published, Cognito is, and
// the gateway holds no key and offers no sign-in; either way it tells the web UI where to sign in.
if (signIn.Provider == SignInConfiguration.Development)
{
    app.MapIdentityApi();
    app.MapDiscoveryApi();
    // The gateway's own document describes only the identity endpoints, so it exists where they do.
    app.MapApiDocument();
}

app.MapSignInConfiguration(signIn);

app.MapReverseProxy();

// Whatever no route names is simply not there, for anonymous callers too (rather than a 401 from the fallback policy).
app.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.")).AllowAnonymous();

await app.RunAsync();
