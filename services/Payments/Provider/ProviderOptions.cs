namespace Store.Payments.Provider;

/// <summary>The <c>Payments:Provider</c> section: how the simulated provider behaves (AppHost parameters).</summary>
internal sealed class ProviderOptions
{
    public const string Section = "Payments:Provider";

    /// <summary>How long each authorization takes.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The share of ordinary authorizations declined, from 0 to 1.</summary>
    public double DeclineRate { get; set; }

    public bool IsValid() => Latency >= TimeSpan.Zero && Latency <= TimeSpan.FromSeconds(30) && DeclineRate is >= 0 and <= 1;
}
