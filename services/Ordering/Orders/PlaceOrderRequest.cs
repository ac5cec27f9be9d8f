using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Store.Ordering.Orders;

/// <summary>What a customer sends to place an order.</summary>
internal sealed partial record PlaceOrderRequest(IReadOnlyList<PlaceOrderLine>? Lines, string? PaymentToken)
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 1_000;
    public const int MaxTokenLength = 100;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Lines is null || Lines.Count is 0 or > MaxLines)
        {
            errors["lines"] = [$"An order has between 1 and {MaxLines} lines."];
        }
        else
        {
            for (var i = 0; i < Lines.Count; i++)
            {
                var line = Lines[i];
                if (line is null || line.ProductId is null || line.ProductId == Guid.Empty)
                {
                    errors[$"lines[{i}].productId"] = ["A line names a product by its id."];
                }

                if (line?.Quantity is null or < 1 or > MaxQuantity)
                {
                    errors[$"lines[{i}].quantity"] = [$"A quantity is a whole number from 1 to {MaxQuantity}."];
                }
            }

            if (Lines.Where(line => line?.ProductId is not null).GroupBy(line => line!.ProductId).Any(group => group.Count() > 1))
            {
                errors["lines"] = ["Each product appears on one line; add up the quantities."];
            }
        }

        if (PaymentToken is null || !Token().IsMatch(PaymentToken))
        {
            errors["paymentToken"] = [$"A payment token is 1 to {MaxTokenLength} letters, digits, '_' or '-'."];
        }

        return errors;
    }

    /// <summary>
    /// A fingerprint of the request's meaning (line order and JSON formatting aside): a retry with the same
    /// Idempotency-Key must carry the same fingerprint.
    /// </summary>
    public byte[] Fingerprint()
    {
        var canonical = new StringBuilder(PaymentToken).Append('|');
        foreach (var line in Lines!.OrderBy(line => line.ProductId))
        {
            canonical.Append(line.ProductId!.Value.ToString("N")).Append('x').Append(line.Quantity!.Value).Append(';');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex Token();
}

internal sealed record PlaceOrderLine(Guid? ProductId, int? Quantity);
