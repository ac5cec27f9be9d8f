using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Store.Integration.Tests.Gateway;

/// <summary>The public entry point as a browser or a partner sees it: one address, tokens from the sign-in endpoint.</summary>
internal sealed class GatewayApi(StoreAppFixture store)
{
    public HttpClient Http { get; } = store.CreateHttpClient("gateway");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null, string? idempotencyKey = null)
    {
        using var request = Request(method, path, token, body);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(request, Cancellation);
    }

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
        => await Http.PostAsJsonAsync("/api/identity/token", new { userName, password }, Cancellation);

    /// <summary>A token for one of the seeded users (their demo passwords are in the README).</summary>
    public async Task<string> TokenAsync(string userName, string password)
    {
        using var response = await SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Cancellation), cancellationToken: Cancellation);
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}
