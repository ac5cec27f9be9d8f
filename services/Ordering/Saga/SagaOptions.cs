namespace Store.Ordering.Saga;

/// <summary>The <c>Ordering:Saga</c> section: how long each step may take before the order is cancelled.</summary>
internal sealed class SagaOptions
{
    public const string Section = "Ordering:Saga";

    public TimeSpan StockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often expired steps are looked for.</summary>
    public TimeSpan TimeoutScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsValid() => StockTimeout > TimeSpan.Zero && PaymentTimeout > TimeSpan.Zero && TimeoutScanInterval > TimeSpan.Zero;
}
