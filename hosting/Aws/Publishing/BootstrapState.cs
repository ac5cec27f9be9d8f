namespace Store.Hosting.Aws.Publishing;

/// <summary>What the bootstrap check found; see <see cref="BootstrapVerdict"/>.</summary>
internal enum BootstrapState
{
    Ready,
    NotBootstrapped,
    Outdated,
    NoCredentials,
    Unknown,
}
