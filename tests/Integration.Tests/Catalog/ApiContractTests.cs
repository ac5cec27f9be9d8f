using System.Text.Json;
using System.Text.Json.Nodes;

namespace Store.Integration.Tests.Catalog;

/// <summary>
/// The catalog's OpenAPI document is committed in services/Catalog/openapi/. A change to the API that changes the
/// document fails here until the new document is committed too, so every contract change is a deliberate one.
/// </summary>
public sealed class ApiContractTests(StoreAppFixture store)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_OpenAPI_document_matches_the_committed_contract()
    {
        using var catalog = store.CreateHttpClient("catalog");
        var served = JsonNode.Parse(await catalog.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject();
        served.Remove("servers"); // the address of this run, not part of the contract
        var received = served.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

        var committed = Path.Combine(RepositoryRoot(), "services", "Catalog", "openapi", "catalog.v1.json");
        var expected = File.Exists(committed) ? await File.ReadAllTextAsync(committed, TestContext.Current.CancellationToken) : "";
        if (expected != received)
        {
            var receivedPath = Path.ChangeExtension(committed, ".received.json");
            await File.WriteAllTextAsync(receivedPath, received, TestContext.Current.CancellationToken);
            Assert.Fail($"The catalog's OpenAPI document changed. If that is deliberate, replace {committed} with {receivedPath} and commit it.");
        }
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
