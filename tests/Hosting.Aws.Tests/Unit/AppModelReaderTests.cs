using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Store.Hosting.Aws.AppModel;

namespace Store.Hosting.Aws.Tests.Unit;

public sealed class AppModelReaderTests
{
    [Fact]
    public async Task A_resource_without_an_AWS_mapping_is_refused_by_name()
    {
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish"]);
        builder.AddContainer("mailpit", "axllent/mailpit");

        using var app = builder.Build();
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => AppModelReader.ReadAsync(
            app.Services.GetRequiredService<DistributedApplicationModel>(), app.Services.GetRequiredService<DistributedApplicationExecutionContext>(),
            PublishedAppHost.RepositoryRoot, TestContext.Current.CancellationToken));

        Assert.Contains("'mailpit'", error.Message, StringComparison.Ordinal);
    }
}
