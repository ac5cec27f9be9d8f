using System.Net;

namespace Store.Hosting.Aws.Tests.Unit;

/// <summary>
/// The probe baked into every image (the ECS container health check): bash alone, as the runtime image has no
/// curl. Run here against a listener on the port the images serve on.
/// </summary>
public sealed class ImageHealthCheckTests
{
    private static readonly string Script = Path.Combine(PublishedAppHost.RepositoryRoot, "hosting", "Aws", "Images", "aws-healthcheck.sh");

    [Fact]
    public async Task The_probe_is_healthy_on_200_and_unhealthy_on_any_other_answer_or_none()
    {
        using (var listener = new HttpListener())
        {
            // The probe sends Host: localhost, and HttpListener routes by host name.
            listener.Prefixes.Add("http://localhost:8080/");
            listener.Start();
            var serving = ServeAsync(listener);

            Assert.Equal(0, await ProbeAsync("/health"));
            Assert.Equal(1, await ProbeAsync("/unhealthy"));

            listener.Stop();
            await serving;
        }

        Assert.Equal(1, await ProbeAsync("/health"));
    }

    private static async Task ServeAsync(HttpListener listener)
    {
        try
        {
            while (true)
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = context.Request.Url!.AbsolutePath == "/health" ? 200 : 503;
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

    private static async Task<int> ProbeAsync(string path)
    {
        using var process = System.Diagnostics.Process.Start("bash", [Script, path])!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode;
    }
}
