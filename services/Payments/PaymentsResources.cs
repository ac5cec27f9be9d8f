namespace Store.Payments;

/// <summary>The names the AppHost gives the payments service's dependencies.</summary>
internal static class PaymentsResources
{
    public const string Database = "paymentsdb";
}
