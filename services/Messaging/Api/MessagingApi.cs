using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Store.Messaging.DeadLetters;
using Store.Messaging.Outbox;
using Store.Problems;

namespace Store.Messaging.Api;

/// <summary>Operations on this service's bus: its dead letters and a replay of its outbox.</summary>
public static partial class MessagingApi
{
    public const int MaxListed = 500;

    /// <summary>Maps the bus's operations endpoints; the caller says who may use them (<c>RequireAuthorization</c>).</summary>
    public static RouteGroupBuilder MapMessagingApi(this IEndpointRouteBuilder app)
    {
        var messaging = app.MapGroup("/api/v1/messaging").WithTags("Messaging");
        messaging.MapGet("/dead-letters", ListDeadLettersAsync).WithName("ListDeadLetters")
            .WithSummary("Lists the messages this service's handlers gave up on, oldest first, with the last error.");
        messaging.MapPost("/dead-letters/{id}/redrive", RedriveAsync).WithName("RedriveDeadLetter")
            .WithSummary("Sends a dead letter back to its handler with a fresh count of attempts.");
        messaging.MapPost("/outbox/replay", ReplayAsync).WithName("ReplayOutbox")
            .WithSummary("Publishes again the retained events that occurred in [from, to); consumers that handled them ignore them.");
        return messaging;
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetter>>, ValidationProblem>> ListDeadLettersAsync(int? limit, DeadLetterStore deadLetters)
    {
        if (limit is < 1 or > MaxListed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is between 1 and {MaxListed}."] });
        }

        return TypedResults.Ok(await deadLetters.ListAsync(limit ?? 100));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFoundProblem>> RedriveAsync(string id, DeadLetterStore deadLetters, CancellationToken cancellationToken)
    {
        if (!StreamEntryId().IsMatch(id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A dead letter id is a stream entry id such as 1764300000000-0."] });
        }

        return await deadLetters.RedriveAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : new NotFoundProblem("No such dead letter.");
    }

    private static async Task<Results<Ok<OutboxReplayResult>, ValidationProblem>> ReplayAsync(OutboxReplayRequest request, OutboxReplay replay, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(new OutboxReplayResult(await replay.RequeueAsync(request.From!.Value, request.To!.Value, cancellationToken)));
    }

    [GeneratedRegex(@"^\d{1,19}-\d{1,19}$")]
    private static partial Regex StreamEntryId();
}
