using Store.Ordering.Backlog;
using Store.Security;

namespace Store.Ordering.Orders;

internal static class OrdersApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization(StorePolicies.Customer);
        orders.MapPost("/", PlaceAsync).WithName("PlaceOrder")
            .WithSummary("Places an order; its saga reserves stock, takes payment and confirms or cancels it.")
            .WithDescription($"Send an {IdempotencyKey.Header} header: a retry with the same key and body answers the same order, the same key with another body answers 422. "
                + "503 with Retry-After while the store is busy or a server it needs is away: send the same request, same key, after the delay.")
            .Produces<Order>(StatusCodes.Status201Created)
            .Produces<Order>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        orders.MapGet("/", ListAsync).WithName("ListOrders")
            .WithSummary("Lists the caller's orders, newest first.")
            .Produces<OrderPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        orders.MapGet("/recent", RecentAsync).WithName("RecentOrders")
            .RequireAuthorization(StorePolicies.Admin)
            .WithSummary("Every customer's latest orders with their saga state, newest first (operations).")
            .Produces<List<Order>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder")
            .WithSummary("Reads one of the caller's orders, with its saga state and history.")
            .Produces<Order>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelOrder")
            .WithSummary("Cancels an order that is not confirmed yet; reserved stock and authorized payment are given back.")
            .Produces<Order>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> PlaceAsync(
        PlaceOrderRequest? request, HttpContext http, OrderStore store, OrderAdmission admission, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(http) is not { } customer)
        {
            return Unauthorized();
        }

        var key = http.Request.Headers[IdempotencyKey.Header].ToString();
        var errors = request?.Validate() ?? new() { ["body"] = ["An order is required."] };
        if (!IdempotencyKey.IsValid(key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        if (!admission.Admits(out var retryAfter))
        {
            return http.Response.ServiceUnavailable(retryAfter, "The store is busy.",
                $"Too many orders are waiting to be processed; this one was not placed. Send the same request with the same {IdempotencyKey.Header} after the Retry-After delay.");
        }

        var (outcome, order) = await store.PlaceAsync(customer, key, request!, cancellationToken);
        return outcome switch
        {
            PlaceOrderOutcome.Created => Results.Created($"/api/v1/orders/{order!.Id}", order),
            PlaceOrderOutcome.Replayed => Results.Ok(order),
            _ => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused.",
                detail: "This key was already used for a different order. Use a new key for a new order."),
        };
    }

    private static async Task<IResult> ListAsync(int? limit, string? cursor, HttpContext http, OrderReads reads, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(http) is not { } customer)
        {
            return Unauthorized();
        }

        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit is between 1 and {MaxLimit}."];
        }

        Guid? after = null;
        if (cursor is not null)
        {
            if (Guid.TryParse(cursor, out var parsed))
            {
                after = parsed;
            }
            else
            {
                errors["cursor"] = ["Pass back the nextCursor of the previous page."];
            }
        }

        return errors.Count > 0
            ? Results.ValidationProblem(errors)
            : Results.Ok(await reads.ListAsync(customer, limit ?? DefaultLimit, after, cancellationToken));
    }

    private static async Task<IResult> RecentAsync(int? limit, OrderReads reads, CancellationToken cancellationToken)
        => limit is < 1 or > MaxLimit
            ? Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is between 1 and {MaxLimit}."] })
            : Results.Ok(await reads.RecentAsync(limit ?? DefaultLimit, cancellationToken));

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, OrderReads reads, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(http) is not { } customer)
        {
            return Unauthorized();
        }

        return await reads.FindAsync(id, customer, cancellationToken) is { } order ? Results.Ok(order) : NotFound();
    }

    private static async Task<IResult> CancelAsync(Guid id, HttpContext http, OrderStore store, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(http) is not { } customer)
        {
            return Unauthorized();
        }

        var (outcome, order) = await store.CancelAsync(id, customer, cancellationToken);
        return outcome switch
        {
            CancelOrderOutcome.Cancelled => Results.Ok(order),
            CancelOrderOutcome.AlreadyConfirmed => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The order is already confirmed.", detail: "A confirmed order cannot be cancelled."),
            _ => NotFound(),
        };
    }

    // Someone else's order answers exactly like a missing one: ids are not a way to learn about other customers.
    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such order.");

    private static IResult Unauthorized() => Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Who is ordering?", detail: "Sign in: orders belong to the subject of your token.");
}
