using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store.AppHost.Operations;

/// <summary>What every operator command shares: it runs against a healthy service, and answers with a sentence.</summary>
internal static class OperatorCommand
{
    /// <summary>
    /// Adds a command whose work returns the result message; a refusal by the service is the command's error message.
    /// The command is enabled while the replica it is shown on is healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperatorCommand(
        this IResourceBuilder<ProjectResource> service,
        string name,
        string displayName,
        Func<ExecuteCommandContext, Task<string>> work,
        CommandOptions options)
    {
        options.UpdateState = context => context.ResourceSnapshot.HealthStatus is HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;
        return service.WithCommand(name, displayName, async context =>
        {
            try
            {
                return new ExecuteCommandResult { Success = true, Message = await work(context) };
            }
            catch (AdminApiException refused)
            {
                return CommandResults.Failure(refused.Message);
            }
        }, options);
    }

    /// <summary>"1 event", "12 events": result messages are read by people.</summary>
    public static string Counted(long count, string singular) => $"{count:N0} {singular}{(count == 1 ? "" : "s")}";
}
