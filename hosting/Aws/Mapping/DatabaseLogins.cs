using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.Identity;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// The stack's values as one service sees them: wherever the app model hands it a Postgres server's master login, it
/// gets its own role's instead — in connection strings, in the password parameter, and in the <c>USERNAME</c> and
/// <c>URI</c> connection properties, which carry the master's user name as plain text.
/// </summary>
internal sealed class DatabaseLogins(ICloudTargets stack, IReadOnlyList<DatabaseRole> roles) : ICloudTargets
{
    private const string ConnectionStringsPrefix = "ConnectionStrings__";

    public CloudValue Endpoint(EndpointReference endpoint, EndpointProperty property) => stack.Endpoint(endpoint, property);

    public CloudValue Parameter(ParameterResource parameter) =>
        roles.FirstOrDefault(role => role.Server.Server.PasswordParameter == parameter)?.Password ?? stack.Parameter(parameter);

    public CloudValue UserPool(CognitoUserPoolOutput output) => stack.UserPool(output);

    public CloudValue? ConnectionString(IResourceWithConnectionString resource, Func<ReferenceExpression, CloudValue> render) =>
        resource is PostgresServerResource server && RoleOn(server) is { } role ? role.ConnectionString : stack.ConnectionString(resource, render);

    /// <summary>
    /// The environment with each Postgres reference's login-bearing connection properties rewritten for the role. They
    /// are found the way <c>WithReference</c> names them: <c>{CONNECTION NAME}_USERNAME</c> and <c>_URI</c>.
    /// </summary>
    public IReadOnlyDictionary<string, object> Rewrite(IReadOnlyDictionary<string, object> environment)
    {
        var rewritten = new Dictionary<string, object>(environment);
        foreach (var (name, value) in environment)
        {
            if (!name.StartsWith(ConnectionStringsPrefix, StringComparison.Ordinal) || value is not ConnectionStringReference reference)
            {
                continue;
            }

            var database = reference.Resource as PostgresDatabaseResource;
            if ((database?.Parent ?? reference.Resource as PostgresServerResource) is not { } server || RoleOn(server) is not { } role)
            {
                continue;
            }

            // As Aspire encodes a connection name into a variable name: what is not a letter or digit becomes an underscore.
            var connectionName = name[ConnectionStringsPrefix.Length..];
            var prefix = $"{string.Concat(connectionName.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'))}_";
            Replace(rewritten, $"{prefix}USERNAME", role.Name);
            Replace(rewritten, $"{prefix}URI", role.Uri(database));
        }

        return rewritten;
    }

    private DatabaseRole? RoleOn(PostgresServerResource server) => roles.FirstOrDefault(role => role.Server.Server == server);

    private static void Replace(Dictionary<string, object> environment, string name, object value)
    {
        if (environment.ContainsKey(name))
        {
            environment[name] = value;
        }
    }
}
