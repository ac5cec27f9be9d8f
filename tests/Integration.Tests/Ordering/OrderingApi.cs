using Store.Integration.Tests.Security;
using System.Net;
using System.Net.Http.Json;

namespace Store.Integration.Tests.Ordering;

/// <summary>The ordering API as the tests speak it: each test orders as a customer of its own.</summary>
internal sealed class OrderingApi(HttpClient http, string customer)
{
    public static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(60);

    public HttpClient Http { get; } = http;

    public string Customer { get; } = customer;

    /// <summary>The customer's bearer token: the services take the customer from its subject.</summary>
    public string Token { get; } = TestTokens.For(customer);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static object NewOrder(Guid productId, int quantity = 1, string paymentToken = "tok_approve") => new
    {
        lines = new[] { new { productId, quantity } },
        paymentToken,
    };

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", Token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<HttpResponseMessage> PostOrderAsync(object body, string? idempotencyKey) =>
        await Http.SendAsync(Request(HttpMethod.Post, "/api/v1/orders", body, idempotencyKey), Cancellation);

    public async Task<OrderView> PlaceAsync(object body)
    {
        using var response = await PostOrderAsync(body, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderView>(Cancellation))!;
    }

    public async Task<OrderView?> GetAsync(Guid id)
    {
        using var response = await Http.SendAsync(Request(HttpMethod.Get, $"/api/v1/orders/{id}"), Cancellation);
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<OrderView>(Cancellation))!;
    }

    /// <summary>Polls until the saga has finished with the order (confirmed or cancelled).</summary>
    public async Task<OrderView> WaitForFinalAsync(Guid id, TimeSpan? timeout = null) =>
        await WaitForAsync(id, order => order.Status is "confirmed" or "cancelled", timeout);

    public async Task<OrderView> WaitForAsync(Guid id, Func<OrderView, bool> condition, TimeSpan? timeout = null) =>
        (await Eventually.UntilAsync(() => GetAsync(id), order => order is not null && condition(order),
            $"Order {id} getting there", timeout ?? SagaTimeout))!;
}

internal sealed record OrderView(
    Guid Id, string CustomerId, string Status, List<OrderLineView> Lines, decimal? Total, string? Currency,
    string? CancellationReason, DateTimeOffset CreatedAt, List<OrderStepView> History)
{
    public string[] Steps => [.. History.Select(step => step.Step)];
}

internal sealed record OrderLineView(Guid ProductId, int Quantity, string? Name, decimal? UnitPrice);

internal sealed record OrderStepView(int Sequence, string Step, string Status, string? Detail, DateTimeOffset At);

internal sealed record OrderPageView(List<OrderView> Items, string? NextCursor);
