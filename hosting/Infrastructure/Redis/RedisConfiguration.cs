using System.Text;

namespace Store.Hosting.Infrastructure.Redis;

/// <summary>The configuration file a process-mode Redis starts from.</summary>
/// <remarks>The password goes into a private file, not the command line, where the dashboard and <c>ps</c> would show it.</remarks>
internal static class RedisConfiguration
{
    public const string FileName = "redis.conf";

    public static string Render(string dataFolder, string password)
    {
        var text = new StringBuilder()
            .AppendLine("bind 127.0.0.1")
            .AppendLine("protected-mode yes")
            .AppendLine("daemonize no")
            .AppendLine($"dir \"{dataFolder}\"")
            .AppendLine($"requirepass \"{Escape(password)}\"")
            // The event bus relies on the append-only file: at most one second of writes is at risk.
            .AppendLine("appendonly yes")
            .AppendLine("appendfsync everysec")
            .AppendLine("save \"\"");
        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
