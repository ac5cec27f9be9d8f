namespace Store.Messaging.Outbox;

/// <summary>Which retained events to publish again: those that occurred in [From, To).</summary>
public sealed record OutboxReplayRequest(DateTimeOffset? From, DateTimeOffset? To)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (From is null)
        {
            errors["from"] = ["from is required."];
        }

        if (To is null)
        {
            errors["to"] = ["to is required."];
        }
        else if (From is not null && To <= From)
        {
            errors["to"] = ["to must be later than from."];
        }

        return errors;
    }
}

public sealed record OutboxReplayResult(long Requeued);
