namespace Store.Hosting.Infrastructure.Postgres;

/// <summary>The shell script that runs a process-mode PostgreSQL server, shipped inside this assembly.</summary>
internal static class PostgresLauncher
{
    public const string FileName = "postgres-launcher.sh";

    public static string WriteInto(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            return path;
        }

        using var source = typeof(PostgresLauncher).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is missing from {typeof(PostgresLauncher).Assembly.GetName().Name}.");
        using (var target = File.Create(path))
        {
            source.CopyTo(target);
        }

        return path;
    }
}
