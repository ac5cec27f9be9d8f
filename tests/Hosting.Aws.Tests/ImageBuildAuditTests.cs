using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Store.Hosting.Aws.Tests;

/// <summary>
/// A security advisory published on deploy day must not fail the deploy's image build, yet stay in its log; a
/// local build still fails on it. Proven with a real NuGet restore, warnings as errors as in the solution, of a
/// package an advisory names, against a NuGet audit source served here (the advisory as nuget.org publishes it).
/// </summary>
public sealed class ImageBuildAuditTests
{
    private const string Advisory = "https://github.com/advisories/GHSA-5crp-9r3c-p9vr";

    [Fact]
    public async Task An_advisory_fails_a_local_restore_and_is_only_a_warning_with_the_deploy_builds_properties()
    {
        var port = FreePort();
        using var auditSource = new HttpListener();
        auditSource.Prefixes.Add($"http://127.0.0.1:{port}/");
        auditSource.Start();
        var serving = ServeAsync(auditSource, port);
        var project = Directory.CreateTempSubdirectory("audit-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(project, "Directory.Build.props"),
                "<Project><PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup></Project>", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(project, "Audited.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="12.0.1" /></ItemGroup>
                </Project>
                """, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), $"""
                <configuration>
                  <auditSources><add key="advisories" value="http://127.0.0.1:{port}/v3/index.json" allowInsecureConnections="true" /></auditSources>
                </configuration>
                """, TestContext.Current.CancellationToken);

            var local = await Assert.ThrowsAsync<InvalidOperationException>(() => Tool.RunAsync("dotnet", ["restore", "Audited.csproj"], project));
            Assert.Contains($"error NU1903: Warning As Error: Package 'Newtonsoft.Json' 12.0.1 has a known high severity vulnerability, {Advisory}", local.Message, StringComparison.Ordinal);

            var deploy = await Tool.RunAsync("dotnet", ["restore", "Audited.csproj", "--force", .. ProjectDockerfile.PublishProperties()], project);
            Assert.Contains($"warning NU1903: Package 'Newtonsoft.Json' 12.0.1 has a known high severity vulnerability, {Advisory}", deploy, StringComparison.Ordinal);
        }
        finally
        {
            auditSource.Stop();
            await serving;
            Directory.Delete(project, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The three documents of a NuGet audit source: service index, vulnerability index, one vulnerability page.</summary>
    private static async Task ServeAsync(HttpListener listener, int port)
    {
        var documents = new Dictionary<string, string>
        {
            ["/v3/index.json"] = $$"""{"version":"3.0.0","resources":[{"@id":"http://127.0.0.1:{{port}}/vulnerabilities/index.json","@type":"VulnerabilityInfo/6.7.0"}]}""",
            ["/vulnerabilities/index.json"] = $$"""[{"@name":"all","@id":"http://127.0.0.1:{{port}}/vulnerabilities/all.json","@updated":"2026-01-01T00:00:00Z"}]""",
            ["/vulnerabilities/all.json"] = $$"""{"newtonsoft.json":[{"url":"{{Advisory}}","severity":2,"versions":"(, 13.0.1)"}]}""",
        };
        try
        {
            while (true)
            {
                var context = await listener.GetContextAsync();
                if (documents.TryGetValue(context.Request.Url!.AbsolutePath, out var document))
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(document));
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        }
        catch (HttpListenerException)
        {
            // Stopped.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
