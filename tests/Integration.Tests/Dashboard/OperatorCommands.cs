using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store.Integration.Tests.Dashboard;

/// <summary>The dashboard's commands as a click runs them: on one healthy replica of the resource, with the arguments typed in.</summary>
internal static class OperatorCommands
{
    public static async Task<ExecuteCommandResult> RunCommandAsync(this StoreAppFixture store, string resourceName, string command, params (string Name, string Value)[] arguments)
    {
        var replica = store.ReplicasOf(resourceName).First(replica => replica.Snapshot.HealthStatus == HealthStatus.Healthy);
        var inputs = new InteractionInputCollection(
            [.. arguments.Select(argument => new InteractionInput { Name = argument.Name, InputType = InputType.Text, Value = argument.Value })]);
        return await store.App.ResourceCommands.ExecuteCommandAsync(replica.ResourceId, command, inputs, TestContext.Current.CancellationToken);
    }

    /// <summary>The result's message, or the failure's, so that an assertion shows what the command said.</summary>
    public static string Said(this ExecuteCommandResult result) => result.Success ? result.Message ?? "" : $"failed: {result.Message}";

    public static string Instant(DateTimeOffset time) => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
