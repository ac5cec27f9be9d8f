namespace Store.AppHost.Operations;

internal static class AnalyticsCommandsExtensions
{
    /// <summary>
    /// <i>Rebuild aggregates</i>: recomputes the one-minute windows of a range from the raw-event archive (the analytics
    /// replay) and republishes the live rankings. The clickstream's dead letters are the service's own, redriven by
    /// <see cref="MessagingCommandsExtensions.WithMessagingCommands"/>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRebuildAggregatesCommand(this IResourceBuilder<ProjectResource> analytics, OperatorToken token)
    {
        var api = new ServiceAdminApi(analytics, token);
        return analytics.WithOperatorCommand("rebuild-aggregates", "Rebuild aggregates", context => RebuildAsync(api, context), new CommandOptions
        {
            Description = "Recomputes the windows of a range from the raw-event archive and republishes the live rankings.",
            ConfirmationMessage = "Replace the aggregates of the range with what the archive holds?",
            IconName = "DataHistogram",
            Arguments = TimeRangeArguments.Create("range to rebuild"),
            ValidateArguments = TimeRangeArguments.ValidateAsync,
        });
    }

    private static async Task<string> RebuildAsync(ServiceAdminApi api, ExecuteCommandContext context)
    {
        var (from, to) = TimeRangeArguments.Read(context.Arguments);
        var result = await api.SendAsync<ReplayResult>(context, HttpMethod.Post, "/api/v1/analytics/replay", new { from, to });
        return $"Rebuilt {OperatorCommand.Counted(result.ProductWindows, "product window")} of {result.From:u} to {result.To:u} from {OperatorCommand.Counted(result.Events, "archived event")}.";
    }

    private sealed record ReplayResult(DateTimeOffset From, DateTimeOffset To, long Events, int ProductWindows);
}
