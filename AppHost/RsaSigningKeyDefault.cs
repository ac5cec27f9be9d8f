using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace Store.AppHost;

/// <summary>
/// Generates the development identity's RSA private key (PKCS#8 PEM) the first time a machine runs the AppHost; with
/// <c>persist: true</c> it stays in the AppHost's user secrets, so tokens outlive a restart.
/// </summary>
internal sealed class RsaSigningKeyDefault : ParameterDefault
{
    private const int KeySizeInBits = 2048;

    public override string GetDefaultValue()
    {
        using var rsa = RSA.Create(KeySizeInBits);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    // The key belongs to local runs only: a published stack's tokens come from its Cognito user pool.
    public override void WriteToManifest(ManifestPublishingContext context) =>
        throw new NotSupportedException("The development identity's signing key exists in local runs only; nothing publishes it.");
}
