using System.Globalization;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// How many connections each task of a service may pool so that every task at auto scaling's ceiling fits under the
/// instance's <c>max_connections</c>, with room left for the setup task, the tasks' readiness probes and an operator.
/// </summary>
internal static class ConnectionBudget
{
    /// <summary>superuser_reserved_connections (3) and RDS's own (2), the setup task, one probe at a time, one operator.</summary>
    public const int Reserved = 10;

    /// <summary>Below this a task starves: the outbox relay holds one connection, consumers and requests share the rest.</summary>
    public const int MinimumPoolSize = 5;

    /// <summary>Npgsql's default: no reason to pool more than it would.</summary>
    public const int MaximumPoolSize = 100;

    // RDS for PostgreSQL: max_connections = LEAST(DBInstanceClassMemory / 9531392, 5000).
    private const long BytesPerConnection = 9_531_392;
    private const int MaxConnectionsCap = 5000;

    /// <summary>
    /// <c>max_connections</c> RDS gives the class. DBInstanceClassMemory is the class's memory less what the OS and RDS
    /// keep, which AWS does not publish: three quarters of the nominal memory is counted to stay on the safe side
    /// (docs/aws.md: not yet checked against a running instance).
    /// </summary>
    public static int MaxConnections(string instanceClass)
    {
        var memory = NominalMemoryGiB(instanceClass) * 1024L * 1024 * 1024 * 3 / 4;
        return (int)Math.Min(memory / BytesPerConnection, MaxConnectionsCap);
    }

    /// <summary>The pool size of every task, given how many tasks may run at once against the instance.</summary>
    public static int PoolSize(string instanceClass, int tasks)
    {
        var maxConnections = MaxConnections(instanceClass);
        var pool = Math.Min(MaximumPoolSize, (maxConnections - Reserved) / Math.Max(tasks, 1));
        return pool >= MinimumPoolSize ? pool : throw new NotSupportedException(
            $"db.{instanceClass} allows {maxConnections} connections; {tasks} tasks at auto scaling's ceiling would get {pool} each " +
            $"after {Reserved} reserved, below the {MinimumPoolSize} a service needs. Choose a larger class (PublishAsRdsInstance) " +
            "or lower the services' MaxReplicas (PublishAsFargateService).");
    }

    /// <summary>Memory of the burstable (t), general-purpose (m) and memory-optimized (r) classes, from their size.</summary>
    private static long NominalMemoryGiB(string instanceClass)
    {
        var parts = instanceClass.Split('.');
        var family = parts[0].Length > 0 ? parts[0][0] : ' ';
        long? general = parts.Length == 2 ? parts[1] switch
        {
            "micro" => 1,
            "small" => 2,
            "medium" => 4,
            "large" => 8,
            "xlarge" => 16,
            var size when size.EndsWith("xlarge", StringComparison.Ordinal)
                && int.TryParse(size[..^"xlarge".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var times) => 16L * times,
            _ => null,
        } : null;

        return (family, general) switch
        {
            ('t' or 'm', { } memory) => memory,
            ('r', { } memory) => memory * 2,
            _ => throw new NotSupportedException(
                $"The memory of db.{instanceClass}, and so its max_connections, is not known here: use a t, m or r class."),
        };
    }
}
