namespace Store.Catalog.Products;

internal sealed record CreateProduct(string? Name, decimal? Price)
{
    public const int MaxNameLength = 200;

    /// <summary>Field errors in the shape of <see cref="Microsoft.AspNetCore.Http.HttpValidationProblemDetails"/>; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["A name is required."];
        }
        else if (Name.Length > MaxNameLength)
        {
            errors["name"] = [$"A name has at most {MaxNameLength} characters."];
        }

        if (Price is null)
        {
            errors["price"] = ["A price is required."];
        }
        else if (Price < 0 || Price >= 10_000_000_000m || decimal.Round(Price.Value, 2) != Price)
        {
            errors["price"] = ["A price is at least 0, below 10,000,000,000 and has at most two decimals."];
        }

        return errors;
    }
}
