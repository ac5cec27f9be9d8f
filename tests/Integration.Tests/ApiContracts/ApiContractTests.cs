using System.Text.Json;
using System.Text.Json.Nodes;

namespace Store.Integration.Tests.ApiContracts;

/// <summary>
/// Every service's OpenAPI document is committed in services/&lt;Service&gt;/openapi/. A change to an API that changes
/// its document fails here until the new document is committed too, so every contract change is a deliberate one.
/// With <see cref="WriteSwitch"/>=1 the test writes the served documents over the committed ones instead.
/// </summary>
public sealed class ApiContractTests(StoreAppFixture store)
{
    public const string WriteSwitch = "STORE_WRITE_API_CONTRACTS";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Theory]
    [InlineData("catalog", "Catalog")]
    [InlineData("ordering", "Ordering")]
    [InlineData("payments", "Payments")]
    [InlineData("analytics", "Analytics")]
    [InlineData("gateway", "Gateway")]
    public async Task The_served_OpenAPI_document_matches_the_committed_contract(string resource, string folder)
    {
        var received = await ServedDocumentAsync(resource);

        var committed = Path.Combine(RepositoryRoot(), "services", folder, "openapi", $"{resource}.v1.json");
        if (Environment.GetEnvironmentVariable(WriteSwitch) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
            await File.WriteAllTextAsync(committed, received, TestContext.Current.CancellationToken);
            return;
        }

        var expected = File.Exists(committed) ? await File.ReadAllTextAsync(committed, TestContext.Current.CancellationToken) : "";
        if (expected.ReplaceLineEndings("\n") != received)
        {
            var receivedPath = Path.ChangeExtension(committed, ".received.json");
            await File.WriteAllTextAsync(receivedPath, received, TestContext.Current.CancellationToken);
            Assert.Fail($"{resource}'s OpenAPI document differs from {committed}; the served one is in {receivedPath}. "
                + $"If the change is deliberate, run the contract tests with {WriteSwitch}=1 and commit the documents.");
        }
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("ordering")]
    [InlineData("payments")]
    [InlineData("analytics")]
    [InlineData("gateway")]
    public async Task Development_serves_the_Scalar_reference_of_the_document(string resource)
    {
        using var client = store.CreateHttpClient(resource);

        using var response = await client.GetAsync("/scalar/", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> ServedDocumentAsync(string resource)
    {
        using var client = store.CreateHttpClient(resource);
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject();
        served.Remove("servers"); // the address of this run, not part of the contract
        return served.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Aspire.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder with Aspire.sln) is not above the test assembly.");
    }
}
