namespace Store.Messaging.Consumers;

/// <summary>A message to handle: its envelope, the handler it goes to, and the stream entry that carried it.</summary>
internal sealed record Delivery(Subscription Subscription, EventEnvelope Envelope, string EntryId);
