using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Store.Ordering.Backlog;
using Store.Problems;
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
                + "503 with Retry-After while the store is busy or a server it needs is away: send the same request, same key, after the delay.");
        orders.MapGet("/", ListAsync).WithName("ListOrders")
            .WithSummary("Lists the caller's orders, newest first.");
        orders.MapGet("/recent", RecentAsync).WithName("RecentOrders")
            .RequireAuthorization(StorePolicies.Admin)
            .WithSummary("Every customer's latest orders with their saga state, newest first (operations).");
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder")
            .WithSummary("Reads one of the caller's orders, with its saga state and history.");
        orders.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelOrder")
            .WithSummary("Cancels an order that is not confirmed yet; reserved stock and authorized payment are given back.");
        return app;
    }

    private static async Task<Results<Created<Order>, Ok<Order>, ValidationProblem, UnauthorizedProblem, UnprocessableProblem, ServiceUnavailableProblem>> PlaceAsync(
        PlaceOrderRequest? request, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, HttpContext http, OrderStore store, OrderAdmission admission, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(http) is not { } customer)
        {
            return Unauthorized();
        }

        var key = idempotencyKey ?? "";
        var errors = request?.Validate() ?? new() { ["body"] = ["An order is required."] };
        if (!IdempotencyKey.IsValid(key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!admission.Admits(out var retryAfter))
        {
            return new ServiceUnavailableProblem(retryAfter, "The store is busy.",
                $"Too many orders are waiting to be processed; this one was not placed. Send the same request with the same {IdempotencyKey.Header} after the Retry-After delay.");
        }

        var (outcome, order) = await store.PlaceAsync(customer, key, request!, cancellationToken);
        return outcome switch
        {
            PlaceOrderOutcome.Created => TypedResults.Created($"/api/v1/orders/{order!.Id}", order),
            PlaceOrderOutcome.Replayed => TypedResults.Ok(order!),
            _ => new UnprocessableProblem("Idempotency-Key reused.", "This key was already used for a different order. Use a new key for a new order."),
        };
    }

    private static async Task<Results<Ok<OrderPage>, ValidationProblem, UnauthorizedProblem>> ListAsync(int? limit, string? cursor, HttpContext http, OrderReads reads, CancellationToken cancellationToken)
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

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await reads.ListAsync(customer, limit ?? DefaultLimit, after, cancellationToken));
    }

    private static async Task<Results<Ok<List<Order>>, ValidationProblem>> RecentAsync(int? limit, OrderReads reads, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is between 1 and {MaxLimit}."] });
        }

        return TypedResults.Ok(await reads.RecentAsync(limit ?? DefaultLimit, cancellationToken));
    }

    private static async Task<Results<Ok<Order>, UnauthorizedProblem, NotFoundProblem>> GetAsync(Guid id, HttpContext http, OrderReads reads, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(http) is not { } customer)
        {
            return Unauthorized();
        }

        if (await reads.FindAsync(id, customer, cancellationToken) is not { } order)
        {
            return NotFound();
        }

        return TypedResults.Ok(order);
    }

    private static async Task<Results<Ok<Order>, UnauthorizedProblem, NotFoundProblem, ConflictProblem>> CancelAsync(Guid id, HttpContext http, OrderStore store, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(http) is not { } customer)
        {
            return Unauthorized();
        }

        var (outcome, order) = await store.CancelAsync(id, customer, cancellationToken);
        return outcome switch
        {
            CancelOrderOutcome.Cancelled => TypedResults.Ok(order!),
            CancelOrderOutcome.AlreadyConfirmed => new ConflictProblem("The order is already confirmed.", "A confirmed order cannot be cancelled."),
            _ => NotFound(),
        };
    }

    // Someone else's order answers exactly like a missing one: ids are not a way to learn about other customers.
    private static NotFoundProblem NotFound() => new("No such order.");

    private static UnauthorizedProblem Unauthorized() => new("Who is ordering?", "Sign in: orders belong to the subject of your token.");
}
