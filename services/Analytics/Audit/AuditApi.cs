using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Store.Security;

namespace Store.Analytics.Audit;

internal static partial class AuditApi
{
    public const int MaxEntries = 1000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", HistoryAsync).WithTags("Audit").WithName("AuditHistory").RequireAuthorization(StorePolicies.Admin)
            .WithSummary("An entity's history (e.g. entity=order/{id}): every integration event about it, oldest first.");
        return app;
    }

    private static async Task<Results<Ok<List<AuditEntry>>, ValidationProblem>> HistoryAsync(string? entity, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (entity is null || !EntityPattern().IsMatch(entity))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["entity"] = ["An entity is a kind and an id, such as order/0193f1c2-5b7e-7d4a-9c1e-2f3a4b5c6d7e."],
            });
        }

        await using var query = dataSource.CreateCommand("""
            SELECT position, event_id, event_type, entity, actor, occurred_at, recorded_at, correlation_id, causation_id, trace_id, payload::text
            FROM audit_log WHERE entity = $1 ORDER BY occurred_at, position LIMIT $2
            """);
        query.Parameters.Add(new() { Value = entity });
        query.Parameters.Add(new() { Value = MaxEntries });
        var entries = new List<AuditEntry>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var payload = JsonDocument.Parse(reader.GetString(10));
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetGuid(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                payload.RootElement.Clone()));
        }

        return TypedResults.Ok(entries);
    }

    [GeneratedRegex("^[a-z][a-z-]{0,31}/[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex EntityPattern();
}
