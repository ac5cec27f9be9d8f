using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Store.Catalog.Categories;

internal static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/categories", ListAsync).WithTags("Categories").WithName("ListCategories").AllowAnonymous()
            .WithSummary("Lists the categories with how many products each has.");
        return app;
    }

    private static async Task<Ok<List<Category>>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.slug, c.name, count(p.id)::int
            FROM categories c LEFT JOIN products p ON p.category_id = c.id
            GROUP BY c.id ORDER BY c.name
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var categories = new List<Category>();
        while (await reader.ReadAsync(cancellationToken))
        {
            categories.Add(new Category(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return TypedResults.Ok(categories);
    }
}
