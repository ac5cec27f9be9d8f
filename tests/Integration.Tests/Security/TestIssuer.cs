using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Store.Integration.Tests.Security;

/// <summary>
/// The development identity's discovery document and JWKS for the tests' key, over real HTTP, for an app that runs
/// without its gateway (the outage app): its services find their issuer here, as they would find the gateway.
/// </summary>
internal sealed class TestIssuer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    private TestIssuer(int port)
    {
        Address = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"{Address}");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>Where the issuer answers: what a service's <c>services__gateway__http__0</c> names.</summary>
    public Uri Address { get; }

    public static TestIssuer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TestIssuer(port);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        var discovery = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["issuer"] = TestTokens.Issuer,
            ["jwks_uri"] = $"{TestTokens.Issuer}/.well-known/jwks.json",
        });
        var key = TestTokens.PublicKey;
        var keys = JsonSerializer.SerializeToUtf8Bytes(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.Kid, n = key.N, e = key.E } } });

        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var body = context.Request.Url?.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => discovery,
                "/.well-known/jwks.json" => keys,
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body ?? Encoding.UTF8.GetBytes("{}"));
            context.Response.Close();
        }
    }
}
