namespace Store.Catalog.Products;

/// <summary>Why a write did or did not happen; the API turns each into its status code.</summary>
internal enum WriteOutcome
{
    Done,
    NotFound,
    UnknownCategory,
    StaleVersion,
    DuplicateSku,
    InsufficientStock,
}

internal sealed record WriteResult(WriteOutcome Outcome, Product? Product = null);
