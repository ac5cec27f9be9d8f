namespace Store.AppHost.Operations;

/// <summary>A service refused or failed an admin request; the message is what the dashboard shows.</summary>
internal sealed class AdminApiException(string message) : Exception(message);
