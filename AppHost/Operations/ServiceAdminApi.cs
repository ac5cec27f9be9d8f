using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Store.AppHost.Operations;

/// <summary>
/// A service's admin API as the dashboard's commands call it: through the service's endpoint (with replicas, the proxy in
/// front of them hands the request to one that runs: the admin APIs act on state the replicas share), as an admin. A
/// refusal becomes an <see cref="AdminApiException"/> saying what the service's problem details say.
/// </summary>
internal sealed class ServiceAdminApi(IResourceBuilder<ProjectResource> service, OperatorToken token)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public string Name => service.Resource.Name;

    public async Task<T> SendAsync<T>(ExecuteCommandContext context, HttpMethod method, string path, object? body = null)
    {
        using var response = await SendCoreAsync(context, method, path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw await RefusalAsync(response, context.CancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(Web, context.CancellationToken)
            ?? throw new AdminApiException($"{Name} answered {method} {path} without a body.");
    }

    /// <summary>Sends a request whose only answer is its status; a 404 is returned, not thrown, so callers can count what was missing.</summary>
    public async Task<HttpStatusCode> SendAsync(ExecuteCommandContext context, HttpMethod method, string path)
    {
        using var response = await SendCoreAsync(context, method, path, body: null);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw await RefusalAsync(response, context.CancellationToken);
        }

        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(ExecuteCommandContext context, HttpMethod method, string path, object? body)
    {
        var endpoint = service.GetEndpoint("http");
        using var request = new HttpRequestMessage(method, new Uri(new Uri(endpoint.Url), path));
        request.Headers.Authorization = new("Bearer", await token.MintAsync(context.CancellationToken));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Web);
        }

        var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        try
        {
            return await http.SendAsync(request, context.CancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new AdminApiException($"{Name} did not answer: {exception.Message}");
        }
    }

    private async Task<AdminApiException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await ProblemAsync(response, cancellationToken);
        var errors = problem?.Errors?.SelectMany(error => error.Value) ?? [];
        var detail = string.Join(" ", new[] { problem?.Title, problem?.Detail }.Concat(errors).Where(text => !string.IsNullOrWhiteSpace(text)));
        return new AdminApiException($"{Name} answered {(int)response.StatusCode}{(detail.Length > 0 ? $": {detail}" : ".")}");
    }

    private static async Task<Problem?> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(Web, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
