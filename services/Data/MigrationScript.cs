using System.Security.Cryptography;
using System.Text;

namespace Store.Data;

/// <summary>One embedded migration: its name, its SQL, and the checksum that says whether it changed since it ran.</summary>
internal sealed record MigrationScript(string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the script with line endings made uniform, so a checkout that turns LF into CRLF is not an edit.
    /// </summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
