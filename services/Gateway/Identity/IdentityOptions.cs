namespace Store.Gateway.Identity;

/// <summary>The seeded users of the development identity endpoint (<c>Identity:Users</c>), by user name.</summary>
internal sealed class IdentityOptions
{
    public const string Section = "Identity";

    public Dictionary<string, SeededUser> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long an issued token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>A user who can sign in locally: never a password, only its hash.</summary>
internal sealed class SeededUser
{
    public string PasswordHash { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;
}
