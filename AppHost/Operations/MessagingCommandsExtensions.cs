using System.Net;

namespace Store.AppHost.Operations;

internal static class MessagingCommandsExtensions
{
    /// <summary>The most dead letters the messaging API lists at once, so the most one redrive of all of them takes.</summary>
    private const int MaxListed = 500;
    private const string Ids = "ids";

    /// <summary>
    /// The dashboard's commands on a service's event bus: <i>Redrive dead letters</i> (all, or the ids given) and
    /// <i>Replay outbox</i> for a range, through the service's messaging API.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMessagingCommands(this IResourceBuilder<ProjectResource> service, OperatorToken token)
    {
        var api = new ServiceAdminApi(service, token);
        return service
            .WithOperatorCommand("redrive-dead-letters", "Redrive dead letters", context => RedriveAsync(api, context), new CommandOptions
            {
                Description = "Sends dead letters back to their handlers with a fresh count of attempts: all of them, or the ids given.",
                ConfirmationMessage = $"Send {service.Resource.Name}'s dead letters back to their handlers?",
                IconName = "ArrowRedo",
                Arguments =
                [
                    new() { Name = Ids, Label = "Dead letter ids", InputType = InputType.Text, Placeholder = "all of them",
                        Description = "Ids as the messaging API lists them (1764300000000-0), separated by commas or spaces; empty for all." },
                ],
            })
            .WithOperatorCommand("replay-outbox", "Replay outbox", context => ReplayAsync(api, context), new CommandOptions
            {
                Description = "Publishes again the retained events that occurred in the range; consumers that handled them ignore them.",
                ConfirmationMessage = $"Publish {service.Resource.Name}'s retained events of the range again?",
                IconName = "ArrowRepeatAll",
                Arguments = TimeRangeArguments.Create("events to publish again"),
                ValidateArguments = TimeRangeArguments.ValidateAsync,
            });
    }

    private static async Task<string> RedriveAsync(ServiceAdminApi api, ExecuteCommandContext context)
    {
        var listed = (context.Arguments.TryGetByName(Ids, out var given) ? given.Value : null)?.Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var ids = listed.Length > 0
            ? listed
            : [.. (await api.SendAsync<DeadLetter[]>(context, HttpMethod.Get, $"/api/v1/messaging/dead-letters?limit={MaxListed}")).Select(letter => letter.Id)];

        var missing = new List<string>();
        foreach (var id in ids)
        {
            if (await api.SendAsync(context, HttpMethod.Post, $"/api/v1/messaging/dead-letters/{Uri.EscapeDataString(id)}/redrive") == HttpStatusCode.NotFound)
            {
                missing.Add(id);
            }
        }

        var redriven = ids.Length - missing.Count;
        var message = $"Redrove {OperatorCommand.Counted(redriven, "dead letter")}.";
        if (missing.Count > 0)
        {
            message += $" Not found: {string.Join(", ", missing)}.";
        }

        if (listed.Length == 0 && ids.Length == MaxListed)
        {
            message += " More may be waiting: run it again.";
        }

        return message;
    }

    private static async Task<string> ReplayAsync(ServiceAdminApi api, ExecuteCommandContext context)
    {
        var (from, to) = TimeRangeArguments.Read(context.Arguments);
        var result = await api.SendAsync<OutboxReplayResult>(context, HttpMethod.Post, "/api/v1/messaging/outbox/replay", new { from, to });
        return $"Queued {OperatorCommand.Counted(result.Requeued, "event")} of {from:u} to {to:u} to be published again.";
    }

    private sealed record DeadLetter(string Id);

    private sealed record OutboxReplayResult(long Requeued);
}
