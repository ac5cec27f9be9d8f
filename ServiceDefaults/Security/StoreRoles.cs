namespace Store.Security;

/// <summary>The roles a token can carry in its role claim.</summary>
public static class StoreRoles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
}
