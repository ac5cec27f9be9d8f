namespace Store.Gateway.Identity;

/// <summary>
/// The development identity (<c>Identity</c>): the seeded users who can sign in and the private key their tokens are
/// signed with. The AppHost hands both to the gateway of a local run only; a published gateway has neither.
/// </summary>
internal sealed class IdentityOptions
{
    public const string Section = "Identity";

    public Dictionary<string, SeededUser> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>An RSA private key (PEM); without it the gateway is no issuer and maps no sign-in.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an issued token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>A user who can sign in locally: never a password, only its hash.</summary>
internal sealed class SeededUser
{
    public string PasswordHash { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;
}
