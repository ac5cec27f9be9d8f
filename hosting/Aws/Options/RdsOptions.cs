namespace Store.Hosting.Aws.Options;

/// <summary>How a Postgres server is published as an RDS for PostgreSQL instance.</summary>
public sealed class RdsOptions
{
    /// <summary>Instance class without the <c>db.</c> prefix, e.g. <c>t4g.micro</c>, <c>m7g.large</c>.</summary>
    public string InstanceClass { get; set; } = "t4g.micro";

    public int AllocatedStorageGiB { get; set; } = 20;

    /// <summary>Storage autoscaling's ceiling.</summary>
    public int MaxAllocatedStorageGiB { get; set; } = 100;

    /// <summary>A standby in the second availability zone, with automatic failover. Doubles the instance cost.</summary>
    public bool MultiAz { get; set; }

    public int BackupRetentionDays { get; set; } = 7;

    /// <summary>Refuse <c>cdk destroy</c> of the instance (and keep a final snapshot) until turned off.</summary>
    public bool DeletionProtection { get; set; }
}
