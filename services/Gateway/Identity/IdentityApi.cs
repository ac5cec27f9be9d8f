using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Store.Gateway.Protection;
using Store.Problems;

namespace Store.Gateway.Identity;

/// <summary>
/// The development identity endpoint: signs in a seeded user and answers a token. Mapped only where the gateway
/// holds the signing key (a local run); a published gateway has no key, no users and no such endpoint.
/// </summary>
internal static class IdentityApi
{
    public const string TokenPath = "/api/identity/token";
    public const string SignInConfigurationPath = "/api/identity/sign-in";

    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, SignIn).WithTags("Identity").WithName("SignIn")
            .WithSummary("Exchanges a seeded user's name and password for a bearer token.")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn);
        return app;
    }

    /// <summary>Where the web UI signs users in; answered in every environment.</summary>
    public static IEndpointRouteBuilder MapSignInConfiguration(this IEndpointRouteBuilder app, SignInConfiguration signIn)
    {
        app.MapGet(SignInConfigurationPath, () => signIn).WithTags("Identity").WithName("SignInConfiguration")
            .WithSummary("Which identity signs users in here, and how to reach it.")
            .AllowAnonymous();
        return app;
    }

    private static Results<Ok<TokenResponse>, ValidationProblem, UnauthorizedProblem> SignIn(SignInRequest? request, IOptions<IdentityOptions> options, TokenIssuer issuer)
    {
        if (request is not { UserName: { Length: > 0 and <= 64 } userName, Password: { Length: > 0 and <= 256 } password })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["credentials"] = ["A user name (up to 64 characters) and a password (up to 256) are required."],
            });
        }

        // The same work and the same answer whether the user is unknown or the password wrong.
        var user = options.Value.Users.GetValueOrDefault(userName);
        var verified = PasswordHash.Verify(password, user?.PasswordHash ?? PasswordHash.Decoy);
        if (user is null || !verified)
        {
            return new UnauthorizedProblem("Sign-in failed.", "The user name or the password is wrong.");
        }

        return TypedResults.Ok(issuer.Issue(userName, user.Role));
    }
}
