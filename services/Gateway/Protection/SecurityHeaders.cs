namespace Store.Gateway.Protection;

/// <summary>
/// Headers every answer of the public entry point carries: no sniffing, no framing, no referrer leaks, a content
/// security policy that allows only this origin's scripts, styles and API calls — and the identity provider's API,
/// where the web UI signs in against one (Cognito).
/// </summary>
internal static class SecurityHeaders
{
    public static string ContentSecurityPolicy(string? identityProvider) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'{(identityProvider is null ? "" : " " + identityProvider)}; " +
        "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// The Scalar reference (Development only, <see cref="ApiDocumentExtensions.ReferencePath"/>) starts itself with an
    /// inline module script and styles itself inline; its page alone may run inline code, still from this origin only.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; " +
        "font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? identityProvider)
    {
        var policy = ContentSecurityPolicy(identityProvider);
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ApiDocumentExtensions.ReferencePath)
                    ? ApiReferencePolicy
                    : policy;
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
