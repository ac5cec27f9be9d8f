namespace Store.Messaging.Consumers;

/// <summary>A message that no number of retries can handle: it goes to the dead letters at once.</summary>
internal sealed class MalformedMessageException(string message) : Exception(message);
