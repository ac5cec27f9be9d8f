using Npgsql;

namespace Store.Analytics.Archive;

/// <summary>A product's totals in one one-minute window, as they stand after a change.</summary>
public sealed record ProductWindow(DateTimeOffset WindowStart, Guid ProductId, long Views, long Carts, long Purchases)
{
    /// <summary>Every row of a reader selecting <c>window_start, product_id, views, carts, purchases</c>, across its results.</summary>
    internal static async Task<IReadOnlyList<ProductWindow>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var windows = new List<ProductWindow>();
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                windows.Add(new ProductWindow(reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return windows;
    }
}
