namespace Store.Security;

/// <summary>
/// Authorization policies every service knows. Endpoints without a policy still need a valid token (the fallback
/// policy); public ones say <c>AllowAnonymous()</c> explicitly.
/// </summary>
public static class StorePolicies
{
    /// <summary>A signed-in shopper (or an admin acting as one): orders are theirs, named by the token's subject.</summary>
    public const string Customer = "customer";

    /// <summary>Operations: catalog writes, the audit log, analytics operations, dead letters.</summary>
    public const string Admin = "admin";
}
