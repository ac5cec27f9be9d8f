namespace Store.Messaging.Consumers;

/// <summary>How a consumer finished with a message; the tag on the processed-messages counter.</summary>
internal enum InboxOutcome
{
    Handled,
    Duplicate,
    Ignored,
    DeadLettered,
}
