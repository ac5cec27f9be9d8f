namespace Store.Hosting.Aws.Options;

/// <summary>How a Redis server is published as an ElastiCache replication group (cluster mode off).</summary>
public sealed class ElastiCacheOptions
{
    /// <summary><c>valkey</c> or <c>redis</c> (Redis OSS).</summary>
    public string Engine { get; set; } = "valkey";

    public string EngineVersion { get; set; } = "7.2";

    public string NodeType { get; set; } = "cache.t4g.micro";

    /// <summary>Read replicas beside the primary; one or more turns on automatic failover across zones.</summary>
    public int Replicas { get; set; }
}
