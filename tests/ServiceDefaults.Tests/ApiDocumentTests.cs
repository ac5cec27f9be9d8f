using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Store.Problems;

namespace Store.ServiceDefaults.Tests;

/// <summary>What AddApiDocument makes of a service's endpoints, and what the typed problem results answer.</summary>
public sealed class ApiDocumentTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_typed_problem_result_declares_its_status_as_problem_details()
    {
        var document = await DocumentAsync();

        var notFound = document["paths"]!["/things/{id}"]!["get"]!["responses"]!["404"]!;
        Assert.Equal("#/components/schemas/ProblemDetails", notFound["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operations_that_need_a_token_carry_the_bearer_scheme_401_and_where_a_role_is_required_403()
    {
        var document = await DocumentAsync();

        var write = document["paths"]!["/things"]!["post"]!;
        Assert.Equal(["200", "400", "401", "403", "413", "503"], Statuses(write));
        Assert.NotNull(write["security"]![0]!["Bearer"]);
        var read = document["paths"]!["/things/{id}"]!["get"]!;
        Assert.Equal(["200", "404", "503"], Statuses(read));
        Assert.Null(read["security"]);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paths_come_in_ordinal_order_whatever_order_they_were_mapped_in()
    {
        var document = await DocumentAsync();

        Assert.Equal(["/things", "/things/{id}", "/zebras"], document["paths"]!.AsObject().Select(path => path.Key));
    }

    [Fact]
    public async Task A_service_unavailable_problem_answers_503_with_Retry_After_in_whole_seconds_rounded_up()
    {
        await using var app = await StartAsync();

        using var response = await app.GetTestClient().GetAsync("/zebras", Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;
        Assert.Equal("Busy.", problem["title"]!.GetValue<string>());
        Assert.NotNull(problem["traceId"]);
    }

    private static string[] Statuses(JsonNode operation) => [.. operation["responses"]!.AsObject().Select(response => response.Key)];

    private static async Task<JsonNode> DocumentAsync()
    {
        await using var app = await StartAsync();
        return JsonNode.Parse(await app.GetTestClient().GetStringAsync(ApiDocumentExtensions.DocumentPath, Cancellation))!;
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDefaultProblemDetails();
        builder.Services.AddAuthorization();
        builder.Services.AddApiDocument("Test API", "Endpoints that show what the document declares.");
        var app = builder.Build();
        app.MapApiDocument();
        // Mapped out of order on purpose.
        app.MapGet("/zebras", () => new ServiceUnavailableProblem(TimeSpan.FromSeconds(2.2), "Busy.", "Come back later."))
            .AllowAnonymous();
        app.MapGet("/things/{id}", Results<Ok<Thing>, NotFoundProblem> (int id) =>
            id == 1 ? TypedResults.Ok(new Thing("one")) : new NotFoundProblem("No such thing.")).AllowAnonymous();
        app.MapPost("/things", Results<Ok<Thing>, ValidationProblem> (Thing thing) => TypedResults.Ok(thing))
            .RequireAuthorization(new AuthorizeAttribute { Roles = "admin" });
        await app.StartAsync(Cancellation);
        return app;
    }

    public sealed record Thing(string Name);
}
