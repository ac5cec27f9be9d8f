using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Store.Analytics.Processing;
using Store.Problems;

namespace Store.Analytics.Ingest;

internal static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/events", IngestAsync).WithTags("Ingest").WithName("IngestEvents").AllowAnonymous()
            .WithSummary("Accepts a batch of clickstream events for the stream processor: all of them or none.");
        return app;
    }

    private static async Task<Results<Accepted<IngestReceipt>, ValidationProblem, ServiceUnavailableProblem>> IngestAsync(
        ClickEventBatch? batch, HttpContext http, Clickstream clickstream, ClickstreamLag lag, AnalyticsTelemetry telemetry, TimeProvider clock, IOptions<IngestOptions> options)
    {
        var caller = http.User.FindFirstValue("sub");
        var errors = batch?.Validate(clock.GetUtcNow(), options.Value, caller) ?? new() { ["body"] = ["A batch is required."] };
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (lag.RetryAfter(options.Value) is { } wait)
        {
            telemetry.Refused.Add(1);
            return new ServiceUnavailableProblem(wait, "The stream processor is behind.",
                "Nothing of this batch was stored. Send it again after the Retry-After delay.");
        }

        // A signed-in visitor's events carry their verified id, so the funnel follows them to their orders.
        await clickstream.AppendAsync(batch!.Events!.Select(@event => @event! with { UserId = caller }).ToList());
        telemetry.Ingested.Add(batch.Events!.Count);
        return TypedResults.Accepted((string?)null, new IngestReceipt(batch.Events!.Count));
    }
}
