using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Store.Gateway.Identity;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes, stored as <c>pbkdf2-sha256.{iterations}.{salt}.{hash}</c> (base64): the
/// iteration count travels with the hash, so it can be raised without invalidating existing ones.
/// </summary>
internal static class PasswordHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A hash of a password nobody has: verified against when the user does not exist, so that an unknown
    /// name takes as long to refuse as a wrong password.</summary>
    public static readonly string Decoy = Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}.{Iterations}.{Convert.ToBase64String(salt)}.{Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('.');
        if (parts is not [Scheme, var iterationsText, var saltText, var hashText]
            || !int.TryParse(iterationsText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        var expected = Convert.FromBase64String(hashText);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(saltText), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
