namespace Store.Payments.Provider;

/// <summary>The provider did not answer: the payment is neither authorized nor declined, and is tried again.</summary>
internal sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException()
    {
    }

    public ProviderUnavailableException(string message) : base(message)
    {
    }

    public ProviderUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
