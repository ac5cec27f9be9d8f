using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Store.Hosting.Aws.Mapping;

namespace Store.Hosting.Aws.Tests;

/// <summary>
/// The setup task's and readiness check's scripts, run by <c>sh</c> and <c>psql</c> against a real local PostgreSQL
/// whose master is, as on RDS, no superuser: only <c>CREATEROLE CREATEDB</c>.
/// </summary>
public sealed class DatabaseSetupScriptTests : IAsyncLifetime
{
    private const string OsUser = "postgres";
    private const string Superuser = "boot";
    private const string SuperuserPassword = "boot-password";

    private static readonly bool RunsAsRoot = Environment.UserName == "root";

    private readonly string _folder = Directory.CreateTempSubdirectory("setup-script-").FullName;
    private readonly string _bin = Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).OrderDescending().First();
    private int _port;

    [Fact]
    public async Task Each_role_owns_its_own_databases_only_and_a_rerun_follows_a_changed_secret()
    {
        await PsqlAsync(Superuser, SuperuserPassword, "postgres", "CREATE ROLE master LOGIN CREATEROLE CREATEDB PASSWORD 'master-password'");
        var setup = new Dictionary<string, string>
        {
            ["PGUSER"] = "master",
            ["PGPASSWORD"] = "master-password",
            ["ROLES"] = "catalog:catalogdb ordering:orderingdb,ledgerdb",
            ["PASSWORD_catalog"] = "first0catalog0password",
            ["PASSWORD_ordering"] = "ordering0password",
        };
        await RunAsync(DatabaseSetup.Script, setup);
        await RunAsync(DatabaseSetup.Script, new(setup) { ["PASSWORD_catalog"] = "second0catalog0password" });

        await RunAsync(DatabaseReadiness.Script, new() { ["PGUSER"] = "ordering", ["PGPASSWORD"] = "ordering0password", ["DATABASES"] = "orderingdb ledgerdb" });
        Assert.Contains("catalog",
            await PsqlAsync("catalog", "second0catalog0password", "catalogdb", "CREATE TABLE products (id int); SELECT tableowner FROM pg_tables WHERE tablename = 'products'"),
            StringComparison.Ordinal);

        var otherDatabase = await Assert.ThrowsAsync<InvalidOperationException>(() => PsqlAsync("catalog", "second0catalog0password", "orderingdb", "SELECT 1"));
        Assert.Contains("CONNECT privilege", otherDatabase.Message, StringComparison.Ordinal);
        var oldPassword = await Assert.ThrowsAsync<InvalidOperationException>(() => PsqlAsync("catalog", "first0catalog0password", "catalogdb", "SELECT 1"));
        Assert.Contains("password authentication failed", oldPassword.Message, StringComparison.Ordinal);
    }

    public async ValueTask InitializeAsync()
    {
        var data = Path.Combine(_folder, "data");
        var passwordFile = Path.Combine(_folder, "password");
        await File.WriteAllTextAsync(passwordFile, SuperuserPassword);
        if (RunsAsRoot)
        {
            // PostgreSQL refuses to run as root.
            await Tool.RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", _folder], _folder);
        }

        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await ServerToolAsync("initdb", $"--pgdata={data}", $"--username={Superuser}", $"--pwfile={passwordFile}", "--auth=scram-sha-256", "--no-sync", "--no-instructions");
        // -w: returns once the server accepts connections.
        await ServerToolAsync("pg_ctl", "start", "-w", $"--pgdata={data}", $"--log={Path.Combine(_folder, "log")}",
            $"--options=-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=");
    }

    public async ValueTask DisposeAsync()
    {
        await ServerToolAsync("pg_ctl", "stop", "-m", "fast", $"--pgdata={Path.Combine(_folder, "data")}");
        Directory.Delete(_folder, recursive: true);
    }

    private Task<string> ServerToolAsync(string tool, params string[] arguments) =>
        RunsAsRoot
            ? Tool.RunAsync("setpriv", [$"--reuid={OsUser}", $"--regid={OsUser}", "--clear-groups", "--", Path.Combine(_bin, tool), .. arguments], _folder)
            : Tool.RunAsync(Path.Combine(_bin, tool), arguments, _folder);

    private Task<string> PsqlAsync(string user, string password, string database, string sql) =>
        RunAsync("psql -v ON_ERROR_STOP=1 -tA -d \"$DATABASE\" -c \"$SQL\"",
            new() { ["PGUSER"] = user, ["PGPASSWORD"] = password, ["DATABASE"] = database, ["SQL"] = sql });

    /// <summary>Runs a script the way the task's container does (<c>sh -c</c>), against the local server.</summary>
    private Task<string> RunAsync(string script, Dictionary<string, string> environment)
    {
        environment["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}";
        environment["PGHOST"] = "127.0.0.1";
        environment["PGPORT"] = _port.ToString(CultureInfo.InvariantCulture);
        environment["PGSSLMODE"] = "disable";
        return Tool.RunAsync("sh", ["-c", script], _folder, environment);
    }
}
