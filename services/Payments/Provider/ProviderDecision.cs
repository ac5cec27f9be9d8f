namespace Store.Payments.Provider;

/// <summary>The provider's answer: authorized with its reference, or declined with a reason.</summary>
internal sealed record ProviderDecision(bool Authorized, string? Reference, string? DeclineReason)
{
    public static ProviderDecision Authorize() => new(true, $"sim_{Guid.NewGuid():N}", null);

    public static ProviderDecision Decline(string reason) => new(false, null, reason);
}
