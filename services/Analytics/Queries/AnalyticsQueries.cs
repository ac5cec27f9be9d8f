using Npgsql;
using Store.Analytics.Archive;
using Store.Analytics.Live;

namespace Store.Analytics.Queries;

/// <summary>Reads the aggregates in Postgres.</summary>
internal sealed class AnalyticsQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ProductTotal>> TopAsync(Metric metric, TimeRange range, int limit, CancellationToken cancellationToken)
    {
        // The column name comes from the enum, never from the request.
        var column = metric switch { Metric.Views => "views", Metric.Carts => "carts", _ => "purchases" };
        await using var query = dataSource.CreateCommand($"""
            SELECT product_id, sum({column})::bigint AS total
            FROM product_minutes WHERE window_start >= $1 AND window_start < $2
            GROUP BY product_id HAVING sum({column}) > 0
            ORDER BY total DESC, product_id LIMIT $3
            """);
        query.Parameters.Add(new() { Value = range.From });
        query.Parameters.Add(new() { Value = range.To });
        query.Parameters.Add(new() { Value = limit });
        var products = new List<ProductTotal>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            products.Add(new ProductTotal(reader.GetGuid(0), reader.GetInt64(1)));
        }

        return products;
    }

    public async Task<IReadOnlyList<ProductWindow>> SeriesAsync(Guid productId, TimeRange range, CancellationToken cancellationToken)
    {
        await using var query = dataSource.CreateCommand("""
            SELECT window_start, product_id, views, carts, purchases
            FROM product_minutes WHERE product_id = $1 AND window_start >= $2 AND window_start < $3
            ORDER BY window_start
            """);
        query.Parameters.Add(new() { Value = productId });
        query.Parameters.Add(new() { Value = range.From });
        query.Parameters.Add(new() { Value = range.To });
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await ProductWindow.ReadAllAsync(reader, cancellationToken);
    }

    public async Task<Funnel> FunnelAsync(TimeRange range, CancellationToken cancellationToken)
    {
        await using var query = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE stages & 1 = 1),
                   count(*) FILTER (WHERE stages & 3 = 3),
                   count(*) FILTER (WHERE stages & 7 = 7)
            FROM (SELECT bit_or(stages) AS stages FROM visitor_minutes
                  WHERE window_start >= $1 AND window_start < $2 GROUP BY visitor) AS visitors
            """);
        query.Parameters.Add(new() { Value = range.From });
        query.Parameters.Add(new() { Value = range.To });
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Funnel(range.From, range.To, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
