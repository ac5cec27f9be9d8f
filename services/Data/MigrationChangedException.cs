namespace Store.Data;

/// <summary>
/// An applied migration's script is no longer the one that ran. Starting anyway would leave this database and a new
/// one built from the same scripts with different schemas, so the service refuses to start.
/// </summary>
public sealed class MigrationChangedException(string name, string appliedChecksum, string currentChecksum)
    : InvalidOperationException(
        $"Migration '{name}' was edited after it was applied to this database (applied checksum {appliedChecksum}, " +
        $"the script's now {currentChecksum}). Applied migrations must not change: restore the script and add the change as a new one.")
{
    public string Name { get; } = name;
}
