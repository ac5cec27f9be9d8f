using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Store.Analytics.Archive;
using Store.Analytics.Live;
using Store.Security;

namespace Store.Analytics.Queries;

internal static class AnalyticsApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const int MaxLiveMinutes = 60;

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        // Rankings are public (the storefront shows what is trending); the rest is for operations.
        var analytics = app.MapGroup("/api/v1/analytics").WithTags("Analytics").RequireAuthorization(StorePolicies.Admin);
        analytics.MapGet("/top", TopAsync).WithName("TopProducts").AllowAnonymous()
            .WithSummary("Products ranked by views, carts or purchases over a range of whole minutes (default: the last hour).");
        analytics.MapGet("/top/live", LiveTopAsync).WithName("LiveTopProducts").AllowAnonymous()
            .WithSummary("Products ranked over the last few minutes, from the live rankings in Redis.");
        analytics.MapGet("/products/{id:guid}/series", SeriesAsync).WithName("ProductSeries")
            .WithSummary("A product's one-minute windows over a range.");
        analytics.MapGet("/funnel", FunnelAsync).WithName("Funnel")
            .WithSummary("Visitors who viewed, then added to cart, then bought, over a range.");
        analytics.MapPost("/replay", ReplayAsync).WithName("ReplayAggregates")
            .WithSummary("Recomputes the windows of a range from the raw-event archive and republishes the live rankings.");
        analytics.MapGet("/live", StreamLiveFeed).WithName("LiveFeed")
            .WithSummary("Server-sent events: every change of a product window's totals, as it is counted.");
        return app;
    }

    private static async Task<Results<Ok<TopProducts>, ValidationProblem>> TopAsync(string? metric, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        AnalyticsQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var ranked = ParseMetric(metric, errors);
        var take = ParseLimit(limit, errors);
        if (!TimeRange.TryCreate(from, to, clock.GetUtcNow(), errors, out var range) || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(new TopProducts(ranked, range.From, range.To, await queries.TopAsync(ranked, range, take, cancellationToken)));
    }

    private static async Task<Results<Ok<TopProducts>, ValidationProblem>> LiveTopAsync(string? metric, int? minutes, int? limit, TopProductsBoard board, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var ranked = ParseMetric(metric, errors);
        var take = ParseLimit(limit, errors);
        if (minutes is < 1 or > MaxLiveMinutes)
        {
            errors["minutes"] = [$"minutes is between 1 and {MaxLiveMinutes}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var span = minutes ?? 5;
        var top = await board.TopAsync(ranked, span, take);
        var to = WindowCounts.MinuteOf(clock.GetUtcNow()).AddMinutes(1);
        return TypedResults.Ok(new TopProducts(ranked, to.AddMinutes(-span), to, [.. top.Select(entry => new ProductTotal(entry.ProductId, entry.Total))]));
    }

    private static async Task<Results<Ok<ProductSeries>, ValidationProblem>> SeriesAsync(Guid id, DateTimeOffset? from, DateTimeOffset? to,
        AnalyticsQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TimeRange.TryCreate(from, to, clock.GetUtcNow(), errors, out var range))
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(new ProductSeries(id, range.From, range.To, await queries.SeriesAsync(id, range, cancellationToken)));
    }

    private static async Task<Results<Ok<Funnel>, ValidationProblem>> FunnelAsync(DateTimeOffset? from, DateTimeOffset? to,
        AnalyticsQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TimeRange.TryCreate(from, to, clock.GetUtcNow(), errors, out var range))
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await queries.FunnelAsync(range, cancellationToken));
    }

    private static async Task<Results<Ok<ReplayResult>, ValidationProblem>> ReplayAsync(ReplayRequest? request, AggregateRebuild rebuild, TopProductsBoard board,
        TimeProvider clock, IOptions<ArchiveOptions> archive, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.From is null || request.To is null)
        {
            errors["range"] = ["Both from and to are required: a replay names the range it rebuilds."];
            return TypedResults.ValidationProblem(errors);
        }

        if (!TimeRange.TryCreate(request.From, request.To, clock.GetUtcNow(), errors, out var range))
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Before the cutoff the archive is gone: a replay would delete windows it cannot rebuild.
        var kept = ArchiveRetention.RetentionCutoff(clock.GetUtcNow(), archive.Value);
        if (range.From < kept)
        {
            errors["from"] = [$"The archive keeps events from {kept:yyyy-MM-dd} on; older windows cannot be rebuilt."];
            return TypedResults.ValidationProblem(errors);
        }

        var result = await rebuild.RebuildAsync(range.From, range.To, cancellationToken);
        await board.ReplaceAsync(range.From, range.To, result.Windows);
        return TypedResults.Ok(new ReplayResult(range.From, range.To, result.Events, result.Windows.Count));
    }

    private static ServerSentEventsResult<string> StreamLiveFeed(LiveFeed feed, CancellationToken cancellationToken)
        => TypedResults.ServerSentEvents(feed.ReadAsync(cancellationToken));

    private static Metric ParseMetric(string? metric, Dictionary<string, string[]> errors)
    {
        if (metric is null)
        {
            return Metric.Views;
        }

        if (Enum.TryParse<Metric>(metric, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(metric, out _))
        {
            return parsed;
        }

        errors["metric"] = ["metric is views, carts or purchases."];
        return Metric.Views;
    }

    private static int ParseLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit is between 1 and {MaxLimit}."];
        }

        return limit ?? DefaultLimit;
    }
}
