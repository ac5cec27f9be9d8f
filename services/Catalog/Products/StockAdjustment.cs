namespace Store.Catalog.Products;

/// <summary>Stock received (positive) or written off (negative).</summary>
internal sealed record StockAdjustment(int? Delta, string? Reason)
{
    public const int MaxDelta = 1_000_000;
    public const int MaxReasonLength = 200;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Delta is null or 0 || Math.Abs(Delta.Value) > MaxDelta)
        {
            errors["delta"] = [$"A delta is a non-zero whole number between -{MaxDelta} and {MaxDelta}."];
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"A reason is required, at most {MaxReasonLength} characters."];
        }

        return errors;
    }
}
