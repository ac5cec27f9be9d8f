using Aspire.Hosting;

namespace Store.Hosting.Infrastructure.Processes;

/// <summary>Where a process-mode server keeps its data when asked to keep it across runs.</summary>
/// <remarks>
/// Not under the user's home: as root, PostgreSQL runs as the <c>postgres</c> user, who cannot walk into
/// <c>/root</c>. <c>/var/tmp</c> survives reboots, unlike <c>/tmp</c>.
/// </remarks>
internal static class PersistentDataFolder
{
    public static string For(IDistributedApplicationBuilder builder, string resourceName)
    {
        var root = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : "/var/tmp";
        return Path.Combine(root, "store-infrastructure-data", builder.Environment.ApplicationName, resourceName);
    }
}
